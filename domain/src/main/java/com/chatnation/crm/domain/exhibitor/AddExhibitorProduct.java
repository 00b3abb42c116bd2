package com.chatnation.crm.domain.exhibitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A product the exhibitor shows at their booth; visitors who share their contact may say it interests them. */
public record AddExhibitorProduct(@TargetAggregateIdentifier String exhibitorId, String organizationId,
                                  String productId, String name, String description, Instant at) {
}
