package com.chatnation.crm.application.contacts;

import com.chatnation.crm.projections.queries.AudienceCondition;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A saved audience: contacts for whom every condition holds (no condition: all contacts). */
public record Audience(UUID id, String name, List<AudienceCondition> conditions, Instant createdAt, Instant updatedAt) {
}
