package com.chatnation.crm.domain.common;

/** Rules shared by everything that moves tokens: amounts are positive and sums never overflow. */
public final class TokenAmounts {

    private TokenAmounts() {
    }

    public static long requirePositive(long amount, String what) {
        if (amount <= 0) {
            throw new DomainRuleViolation("invalid_amount", what + " must be a positive number of tokens, was " + amount);
        }
        return amount;
    }

    public static long add(long left, long right) {
        try {
            return Math.addExact(left, right);
        } catch (ArithmeticException overflow) {
            throw new DomainRuleViolation("amount_overflow",
                    "adding " + right + " tokens to " + left + " exceeds the largest balance a wallet can hold");
        }
    }

    public static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new DomainRuleViolation("missing_" + what.replace(' ', '_'), what + " is required");
        }
        return value;
    }
}
