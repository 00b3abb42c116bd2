package com.chatnation.crm.domain.ticketing;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Tickets are held for a contact until {@code expiresAt}. The price is copied in so the contact pays what
 * they were quoted, whatever the type costs later.
 */
@Revision("1")
public record TicketsReserved(String eventId, String organizationId, String reservationId, String ticketTypeId,
                              int quantity, String contactPhone, String conversationId, BigDecimal unitPrice,
                              BigDecimal total, String currency, Instant expiresAt, int remainingAfter)
        implements TicketingEvent {
}
