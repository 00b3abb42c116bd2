package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The speaker presents the session; {@code position} orders a panel (0 first). */
@Revision("1")
public record SpeakerAssigned(String agendaId, String eventId, String organizationId, String sessionId,
                              String speakerId, int position, Instant at) implements AgendaEvent {
}
