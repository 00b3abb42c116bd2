package com.chatnation.crm.domain.ticketing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;

/**
 * Holds tickets for a contact while they pay. The caller names the reservation so a retried command is
 * recognised, and supplies the time so the aggregate never reads a clock.
 *
 * @param conversationId the WhatsApp conversation the request came from; {@code null} when booked elsewhere
 */
public record ReserveTickets(@TargetAggregateIdentifier String eventId, String reservationId, String ticketTypeId,
                             int quantity, String contactId, String contactPhone, String conversationId, Instant requestedAt,
                             Duration holdFor) {
}
