package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** WhatsApp refused a reply for good. */
public record MarkReplyFailed(@TargetAggregateIdentifier String conversationId, String replyId, Integer errorCode, String errorTitle) {
}
