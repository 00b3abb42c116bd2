package com.chatnation.crm.domain.conversation;

import org.axonframework.serialization.Revision;

/** WhatsApp refused a reply for good. */
@Revision("1")
public record ReplyFailed(String conversationId, String sessionId, String organizationId, String contactPhone, String replyId, Integer errorCode, String errorTitle)
        implements ConversationEvent {
}
