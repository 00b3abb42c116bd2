package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A session's details were replaced; {@code previousStartsAt} is when it was to start before. */
@Revision("1")
public record SessionChanged(String agendaId, String eventId, String organizationId, String sessionId,
                             SessionDetails details, Instant previousStartsAt, Instant at) implements AgendaEvent {
}
