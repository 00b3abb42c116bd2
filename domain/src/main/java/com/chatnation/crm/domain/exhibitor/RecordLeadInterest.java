package com.chatnation.crm.domain.exhibitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The visitor picked one of the exhibitor's products as what interests them. */
public record RecordLeadInterest(@TargetAggregateIdentifier String leadId, String organizationId, String productId,
                                 String productName, Instant at) {
}
