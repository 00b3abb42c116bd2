package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The contact said something; kept whole so the transcript can be rebuilt from history. */
@Revision("1")
public record MessageReceived(String conversationId, String sessionId, String organizationId, String contactPhone, String messageId, Instant sentAt, MessageContent content, MessageContext context,
                              String profileName)
        implements ConversationEvent {
}
