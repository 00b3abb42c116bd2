package com.chatnation.crm.domain.knowledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The contact tapped "Helpful" or "Not helpful" under an answer. */
public record RateKnowledgeAnswer(@TargetAggregateIdentifier String queryId, String organizationId, String contactId,
                                  boolean helpful, Instant at) {
}
