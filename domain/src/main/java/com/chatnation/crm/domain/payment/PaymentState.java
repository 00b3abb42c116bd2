package com.chatnation.crm.domain.payment;

public enum PaymentState {
    /** Recorded, not yet sent to the provider. */
    REQUESTED,
    /** The provider accepted the request and is asking the payer (an M-Pesa prompt on their phone). */
    INITIATED,
    SETTLED,
    FAILED
}
