package com.chatnation.crm.domain.wallet;

/**
 * What a debit did. A declined debit is not an exception: the wallet records {@link TokenDebitDeclined}
 * (which an exception would roll back) and reports the refusal here.
 */
public record DebitOutcome(Status status, String referenceId, long amount, long availableBalance) {

    public enum Status { DEBITED, ALREADY_DEBITED, DECLINED }

    public boolean paid() {
        return status != Status.DECLINED;
    }
}
