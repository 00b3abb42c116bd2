package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Puts one of the organization's speakers on a session (several make a panel); assigning twice changes nothing. */
public record AssignSpeaker(@TargetAggregateIdentifier String agendaId, String organizationId, String sessionId,
                            String speakerId, Instant at) {
}
