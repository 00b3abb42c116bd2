package com.chatnation.crm.domain.ticketing;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An organizer's event exists. Its ticket types follow as separate {@link TicketTypeAdded} events. */
@Revision("1")
public record EventCreated(String eventId, String organizationId, String name, String venue, Instant startsAt)
        implements TicketingEvent {
}
