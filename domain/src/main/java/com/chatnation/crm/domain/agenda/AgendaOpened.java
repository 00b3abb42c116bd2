package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An event has an agenda, told in {@code timeZone} (an IANA zone). */
@Revision("1")
public record AgendaOpened(String agendaId, String eventId, String organizationId, String timeZone, Instant at)
        implements AgendaEvent {
}
