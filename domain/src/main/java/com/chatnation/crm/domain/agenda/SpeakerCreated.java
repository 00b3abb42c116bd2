package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A speaker exists: the profile stripped, blank optional fields null. */
@Revision("1")
public record SpeakerCreated(String speakerId, String organizationId, SpeakerProfile profile, Instant at) {
}
