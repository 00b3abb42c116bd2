package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A reply cannot go out free-form: the contact's 24-hour window closed before it was sent ({@code reason}
 * {@value ReplyExpired#WINDOW_CLOSED}), or WhatsApp answered 131047 ({@value ReplyExpired#RE_ENGAGEMENT_REQUIRED}).
 */
public record ExpireReply(@TargetAggregateIdentifier String conversationId, String replyId, String reason) {
}
