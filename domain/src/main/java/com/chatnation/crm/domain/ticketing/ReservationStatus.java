package com.chatnation.crm.domain.ticketing;

public enum ReservationStatus {
    /** Tickets are held and waiting for payment. */
    HELD,
    PAID,
    /** The hold ran out before payment; the tickets are back on sale. */
    EXPIRED,
    CANCELLED
}
