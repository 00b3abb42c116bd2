package com.chatnation.crm.domain.exhibitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RemoveExhibitorProduct(@TargetAggregateIdentifier String exhibitorId, String organizationId,
                                     String productId, Instant at) {
}
