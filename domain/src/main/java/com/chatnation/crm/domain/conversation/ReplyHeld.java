package com.chatnation.crm.domain.conversation;

import org.axonframework.serialization.Revision;

/** A reply waits for tokens; it goes out, in order, after the next purchase. */
@Revision("1")
public record ReplyHeld(String conversationId, String sessionId, String organizationId, String contactPhone, String replyId, String reason)
        implements ConversationEvent {
}
