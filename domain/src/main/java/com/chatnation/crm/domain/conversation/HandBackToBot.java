package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** {@code agentId} gives the handed-over open session {@code sessionId} back to the bot. */
public record HandBackToBot(@TargetAggregateIdentifier String conversationId, String sessionId, String agentId,
                            Instant at) {
}
