package com.chatnation.crm.domain.ticketing;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A ticket tier went on the event's inventory, whether at creation or later: projections handle one event
 * type for both.
 */
@Revision("1")
public record TicketTypeAdded(String eventId, String organizationId, String ticketTypeId, String name, BigDecimal price,
                              String currency, int quantityAvailable, Instant salesStart, Instant salesEnd)
        implements TicketingEvent {
}
