package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The speaker no longer presents the session. */
@Revision("1")
public record SpeakerUnassigned(String agendaId, String eventId, String organizationId, String sessionId,
                                String speakerId, Instant at) implements AgendaEvent {
}
