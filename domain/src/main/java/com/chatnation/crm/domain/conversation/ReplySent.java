package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** A reply was paid for and accepted by WhatsApp. */
@Revision("2")
public record ReplySent(String conversationId, String sessionId, String organizationId, @DataSubject String contactId, String replyId, String whatsappMessageId, long tokensCharged)
        implements ConversationEvent {
}
