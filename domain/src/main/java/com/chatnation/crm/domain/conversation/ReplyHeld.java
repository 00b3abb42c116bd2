package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** A reply waits for tokens; it goes out, in order, after the next purchase. */
@Revision("2")
public record ReplyHeld(String conversationId, String sessionId, String organizationId, @DataSubject String contactId, String replyId, String reason)
        implements ConversationEvent {
}
