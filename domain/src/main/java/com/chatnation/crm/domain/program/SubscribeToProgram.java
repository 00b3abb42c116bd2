package com.chatnation.crm.domain.program;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Subscribes a contact, or brings a former subscriber back. {@code subscriptionId} is
 * {@link ProgramSubscription#idOf}; {@code conversationId} may be null for a contact who has not written yet
 * (imported); {@code startAfterSequence} is the last sequence number counted as already had (0: from the first).
 */
public record SubscribeToProgram(@TargetAggregateIdentifier String subscriptionId, String programId,
                                 String organizationId, String contactId, String conversationId, String source,
                                 int startAfterSequence, Instant at) {
}
