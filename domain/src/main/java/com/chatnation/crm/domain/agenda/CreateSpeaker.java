package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Adds a speaker to the organization's speakers, who may then present sessions of any of its events. */
public record CreateSpeaker(@TargetAggregateIdentifier String speakerId, String organizationId, SpeakerProfile profile,
                            Instant at) {
}
