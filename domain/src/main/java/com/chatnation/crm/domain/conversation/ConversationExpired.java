package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The session ended after the contact was silent past the inactivity deadline. */
@Revision("2")
public record ConversationExpired(String conversationId, String sessionId, String organizationId, @DataSubject String contactId, Instant lastActivityAt, String stateAtExpiry)
        implements ConversationEvent {
}
