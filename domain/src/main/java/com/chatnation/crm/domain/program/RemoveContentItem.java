package com.chatnation.crm.domain.program;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Takes an item out of the program, freeing its place for another. */
public record RemoveContentItem(@TargetAggregateIdentifier String programId, String organizationId, String itemId,
                                Instant at) {
}
