package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Ends the current session on purpose (an agent closing it, or the contact opting out). {@code sessionId}, when
 * given, is the session the caller means: a newer one is left open. {@code closedBy}: the agent, if one closed it.
 */
public record CloseConversation(@TargetAggregateIdentifier String conversationId, String sessionId, String closedBy,
                                String reason, Instant at) {

    public CloseConversation(String conversationId, String reason) {
        this(conversationId, null, null, reason, null);
    }
}
