package com.chatnation.crm.domain.program;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Adds one item at a free place of the series or the calendar. */
public record AddContentItem(@TargetAggregateIdentifier String programId, String organizationId, ContentItem item,
                             Instant at) {
}
