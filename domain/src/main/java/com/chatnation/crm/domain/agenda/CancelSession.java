package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Takes a session off the agenda; the reminders contacts asked for are cancelled and they are told. */
public record CancelSession(@TargetAggregateIdentifier String agendaId, String organizationId, String sessionId,
                            Instant at) {
}
