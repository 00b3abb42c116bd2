package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** A debit was declined (and recorded as such) because the wallet could not pay it: 402. */
class InsufficientTokens extends RefusedRequest {

    private final transient DebitOutcome outcome;

    public InsufficientTokens(DebitOutcome outcome) {
        super(HttpStatus.PAYMENT_REQUIRED, "insufficient_tokens", "debit of " + outcome.amount() + " tokens for '"
                + outcome.referenceId() + "' declined: only " + outcome.availableBalance() + " available");
        this.outcome = outcome;
    }

    public DebitOutcome outcome() {
        return outcome;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("availableBalance", outcome.availableBalance());
    }
}
