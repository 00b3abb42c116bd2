package com.chatnation.crm.domain.ticketing;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A ticket's holder went in, at {@code gate}; a ticket is admitted once. */
@Revision("1")
public record TicketAdmitted(String ticketCode, String organizationId, String eventId, String ticketTypeId,
                             String gate, String staffId, Instant at) implements TicketingEvent {
}
