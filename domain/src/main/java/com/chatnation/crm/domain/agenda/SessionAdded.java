package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A session is on the agenda: its details stripped, blank optional ones null. */
@Revision("1")
public record SessionAdded(String agendaId, String eventId, String organizationId, String sessionId,
                           SessionDetails details, Instant at) implements AgendaEvent {
}
