package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the current session on purpose (an agent closing it, or the contact opting out). */
public record CloseConversation(@TargetAggregateIdentifier String conversationId, String reason) {
}
