package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A reply moved forward in delivery: sent, delivered, read, or failed with WhatsApp's error. */
@Revision("2")
public record ReplyDeliveryUpdated(String conversationId, String sessionId, String organizationId, @DataSubject String contactId,
                                   String replyId, String whatsappMessageId, DeliveryStatus status, Instant at,
                                   Integer errorCode, String errorTitle) implements ConversationEvent {
}
