package com.chatnation.crm.domain.conversation;

import org.axonframework.serialization.Revision;

/** A reply was paid for and accepted by WhatsApp. */
@Revision("1")
public record ReplySent(String conversationId, String sessionId, String organizationId, String contactPhone, String replyId, String whatsappMessageId, long tokensCharged)
        implements ConversationEvent {
}
