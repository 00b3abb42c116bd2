package com.chatnation.crm.domain.conversation;

import org.axonframework.serialization.Revision;

/** The session was ended on purpose. */
@Revision("1")
public record ConversationClosed(String conversationId, String sessionId, String organizationId, String contactPhone, String reason)
        implements ConversationEvent {
}
