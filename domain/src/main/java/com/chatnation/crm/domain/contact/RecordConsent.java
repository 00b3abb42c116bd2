package com.chatnation.crm.domain.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records the contact's marketing consent (the state already held changes nothing). */
public record RecordConsent(@TargetAggregateIdentifier String profileId, String organizationId, String contactId, ConsentStatus status, ConsentSource source, Instant recordedAt) {
}
