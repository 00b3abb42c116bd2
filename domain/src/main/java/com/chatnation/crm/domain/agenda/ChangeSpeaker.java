package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces a speaker's profile; every session they present shows the new one. */
public record ChangeSpeaker(@TargetAggregateIdentifier String speakerId, String organizationId, SpeakerProfile profile,
                            Instant at) {
}
