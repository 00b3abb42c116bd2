package com.chatnation.crm.domain.conversation;

import java.math.BigDecimal;
import java.time.Instant;

/** Whether tickets were reserved, and on what terms, or why not. */
public record ReservationOutcome(boolean reserved, String eventName, String ticketTypeName, int quantity,
                                 BigDecimal total, String currency, Instant expiresAt, String refusal) {

    public static ReservationOutcome reserved(String eventName, String ticketTypeName, int quantity, BigDecimal total,
                                              String currency, Instant expiresAt) {
        return new ReservationOutcome(true, eventName, ticketTypeName, quantity, total, currency, expiresAt, null);
    }

    public static ReservationOutcome refused(String reason) {
        return new ReservationOutcome(false, null, null, 0, null, null, null, reason);
    }
}
