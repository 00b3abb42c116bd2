package com.chatnation.crm.domain.hypecard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** No new cards from this template; cards already made stay. */
public record ArchiveCardTemplate(@TargetAggregateIdentifier String templateId, String organizationId, Instant at) {
}
