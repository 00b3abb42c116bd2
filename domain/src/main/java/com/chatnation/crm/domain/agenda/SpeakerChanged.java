package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A speaker's profile was replaced. */
@Revision("1")
public record SpeakerChanged(String speakerId, String organizationId, SpeakerProfile profile, Instant at) {
}
