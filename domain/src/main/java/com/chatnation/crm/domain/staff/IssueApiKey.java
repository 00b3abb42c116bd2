package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/**
 * Issues a machine key to the organization. Only the key's hash travels here. {@code issuedAt} is not stored: the
 * event's own timestamp says when a key was issued, for this key as for the onboarding key, whose command has no
 * time of its own.
 */
public record IssueApiKey(@TargetAggregateIdentifier String teamId, String keyId, String name,
                          Set<ApiKeyScope> scopes, String keyHash, Instant issuedAt) {
}
