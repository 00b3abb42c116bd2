package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Takes a speaker off a session; one who is not on it changes nothing. */
public record UnassignSpeaker(@TargetAggregateIdentifier String agendaId, String organizationId, String sessionId,
                              String speakerId, Instant at) {
}
