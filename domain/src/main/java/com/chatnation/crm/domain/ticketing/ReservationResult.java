package com.chatnation.crm.domain.ticketing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the contact is asked to pay and by when. A retried reservation gets the original back, with its
 * current status, so the caller can tell a fresh hold from one that has since expired or been paid.
 */
public record ReservationResult(String reservationId, String ticketTypeId, int quantity, BigDecimal unitPrice,
                                BigDecimal total, String currency, Instant expiresAt, ReservationStatus status) {
}
