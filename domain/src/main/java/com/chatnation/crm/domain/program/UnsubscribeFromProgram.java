package com.chatnation.crm.domain.program;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Ends a subscription for one of {@link UnsubscribedFromProgram#REASONS}. Answered with whether it was active, so
 * a contact leaving twice is told they are not subscribed rather than refused.
 */
public record UnsubscribeFromProgram(@TargetAggregateIdentifier String subscriptionId, String organizationId,
                                     String reason, Instant at) {
}
