package com.chatnation.crm.application.wallet;

import com.chatnation.crm.domain.wallet.DebitOutcome;

/** A debit was declined (and recorded as such) because the wallet could not pay it. */
public class InsufficientTokens extends RuntimeException {

    private final transient DebitOutcome outcome;

    public InsufficientTokens(DebitOutcome outcome) {
        super("debit of " + outcome.amount() + " tokens for '" + outcome.referenceId()
                + "' declined: only " + outcome.availableBalance() + " available");
        this.outcome = outcome;
    }

    public DebitOutcome outcome() {
        return outcome;
    }
}
