package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The WhatsApp Cloud API accepted a queued reply and gave it this id. */
public record MarkReplySent(@TargetAggregateIdentifier String conversationId, String replyId, String whatsappMessageId, long tokensCharged) {
}
