package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** WhatsApp refused a reply for good. */
@Revision("2")
public record ReplyFailed(String conversationId, String sessionId, String organizationId, @DataSubject String contactId, String replyId, Integer errorCode, String errorTitle)
        implements ConversationEvent {
}
