package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * {@code agentId} takes the open session {@code sessionId} from the bot (or from another agent, when it is already
 * handed over) and answers it themselves.
 */
public record TakeOverConversation(@TargetAggregateIdentifier String conversationId, String sessionId,
                                   String agentId, Instant at) {
}
