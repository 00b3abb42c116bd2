package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * {@code agentId} answers the contact. Inside the contact's 24-hour window the reply is free-form {@code text} and
 * names no template; outside it only an approved template goes ({@code templateName}, filled with {@code text} as
 * its one body parameter, or its own text when it takes none). An open session the bot holds is taken over first.
 */
public record ReplyAsAgent(@TargetAggregateIdentifier String conversationId, String agentId, String text,
                           String templateName, Instant at) {
}
