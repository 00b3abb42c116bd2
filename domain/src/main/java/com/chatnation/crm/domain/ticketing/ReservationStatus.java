package com.chatnation.crm.domain.ticketing;

public enum ReservationStatus {
    /** Tickets are held and waiting for payment. */
    HELD,
    PAID,
    /** The hold ran out before payment; the tickets are back on sale. */
    EXPIRED,
    /** The contact (or a failed payment) gave the hold up before paying; the tickets are back on sale. */
    CANCELLED,
    /**
     * Paid, then called off by the organizer (perhaps with a refund): the tickets admit no one and are back on sale.
     */
    VOIDED
}
