package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** {@code agentId} writes an internal note on session {@code sessionId} (null: the current or last one). */
public record AddNote(@TargetAggregateIdentifier String conversationId, String sessionId, String agentId, String text,
                      Instant at) {
}
