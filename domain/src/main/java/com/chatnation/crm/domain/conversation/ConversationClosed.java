package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** The session was ended on purpose. */
@Revision("2")
public record ConversationClosed(String conversationId, String sessionId, String organizationId, @DataSubject String contactId, String reason)
        implements ConversationEvent {
}
