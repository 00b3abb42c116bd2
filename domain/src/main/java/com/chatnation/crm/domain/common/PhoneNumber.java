package com.chatnation.crm.domain.common;

import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +} then 8 to 15 digits). WhatsApp sends {@code wa_id} without the
 * plus sign; {@link #of(String)} accepts both and always keeps the canonical form.
 */
public record PhoneNumber(String e164) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new DomainRuleViolation("invalid_phone_number",
                    "phone number must be in E.164 form such as +254712345678, was '" + e164 + "'");
        }
    }

    /** Accepts {@code +254712345678}, {@code 254712345678} or {@code +254 712-345 678}. */
    public static PhoneNumber of(String raw) {
        if (raw == null) {
            throw new DomainRuleViolation("invalid_phone_number", "phone number is required");
        }
        String digits = raw.replaceAll("[\\s\\-().]", "");
        return new PhoneNumber(digits.startsWith("+") ? digits : "+" + digits);
    }

    @Override
    public String toString() {
        return e164;
    }
}
