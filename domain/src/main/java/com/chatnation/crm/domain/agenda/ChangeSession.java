package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces what the agenda says about a session (its time, room, title…); reminders follow its new start. */
public record ChangeSession(@TargetAggregateIdentifier String agendaId, String organizationId, String sessionId,
                            SessionDetails details, Instant at) {
}
