package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.serialization.Revision;

/** The bot decided to say something; billing and sending follow. */
@Revision("1")
public record ReplyQueued(String conversationId, String sessionId, String organizationId, String contactPhone, String replyId, String module, String action, OutboundReply reply,
                          String inReplyToMessageId)
        implements ConversationEvent {
}
