package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** {@code assignedBy} gives the open session to {@code agentId}; a session the bot holds is handed over with it. */
public record AssignConversation(@TargetAggregateIdentifier String conversationId, String sessionId, String agentId,
                                 String assignedBy, Instant at) {
}
