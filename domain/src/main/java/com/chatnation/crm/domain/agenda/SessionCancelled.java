package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The session is off the agenda. */
@Revision("1")
public record SessionCancelled(String agendaId, String eventId, String organizationId, String sessionId,
                               String title, Instant startsAt, Instant at) implements AgendaEvent {
}
