package com.chatnation.crm.domain.payment;

/** What a payment pays for, and so what its settlement does. */
public enum PaymentPurpose {
    /** A contact's ticket reservation: settled, the tickets are issued; failed, the hold is released. */
    TICKETS,
    /** An organization's token top-up: settled, the tokens are credited to its wallet. */
    TOKENS
}
