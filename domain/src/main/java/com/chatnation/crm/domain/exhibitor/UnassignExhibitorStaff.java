package com.chatnation.crm.domain.exhibitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record UnassignExhibitorStaff(@TargetAggregateIdentifier String exhibitorId, String organizationId,
                                     String userId, Instant at) {
}
