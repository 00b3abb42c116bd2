package com.chatnation.crm.domain.conversation;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The session ended after the contact was silent past the inactivity deadline. */
@Revision("1")
public record ConversationExpired(String conversationId, String sessionId, String organizationId, String contactPhone, Instant lastActivityAt, String stateAtExpiry)
        implements ConversationEvent {
}
