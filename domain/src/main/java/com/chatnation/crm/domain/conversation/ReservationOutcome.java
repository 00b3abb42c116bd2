package com.chatnation.crm.domain.conversation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Whether tickets were reserved, and on what terms, or why not.
 *
 * @param paymentPrompted the payment was asked of the contact's phone (an M-Pesa prompt), rather than left to them
 *                        to pay with the reservation as reference
 */
public record ReservationOutcome(boolean reserved, String eventName, String ticketTypeName, int quantity,
                                 BigDecimal total, String currency, Instant expiresAt, String refusal,
                                 boolean paymentPrompted) {

    public static ReservationOutcome reserved(String eventName, String ticketTypeName, int quantity, BigDecimal total,
                                              String currency, Instant expiresAt) {
        return new ReservationOutcome(true, eventName, ticketTypeName, quantity, total, currency, expiresAt, null, false);
    }

    public static ReservationOutcome refused(String reason) {
        return new ReservationOutcome(false, null, null, 0, null, null, null, reason, false);
    }

    /** The same reservation, paid by a prompt on the contact's phone. */
    public ReservationOutcome withPaymentPrompt() {
        return new ReservationOutcome(reserved, eventName, ticketTypeName, quantity, total, currency, expiresAt, refusal,
                true);
    }
}
