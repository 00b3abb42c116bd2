package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A queued reply waits: the organization's wallet cannot pay for it yet. */
public record HoldReply(@TargetAggregateIdentifier String conversationId, String replyId, String reason) {
}
