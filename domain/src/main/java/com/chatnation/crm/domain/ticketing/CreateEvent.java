package com.chatnation.crm.domain.ticketing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Opens an organizer's event. An empty (or null) list of ticket types is a free event. */
public record CreateEvent(@TargetAggregateIdentifier String eventId, String organizationId, String name, String venue,
                          Instant startsAt, List<TicketTypeDefinition> ticketTypes) {
}
