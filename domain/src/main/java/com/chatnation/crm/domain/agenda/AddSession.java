package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Puts a session on an event's agenda; the first one opens the agenda ({@code agendaId} is {@link Agenda#idOf} the
 * event) in {@code timeZone} (null: {@link Agenda#DEFAULT_TIME_ZONE}), the zone "today" and times are told in.
 */
public record AddSession(@TargetAggregateIdentifier String agendaId, String eventId, String organizationId,
                         String sessionId, SessionDetails details, String timeZone, Instant at) {
}
