package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The contact (re)subscribed to the organization's marketing messages; {@code source} as {@link ContactOptedOut}. */
@Revision("1")
public record ContactOptedIn(String conversationId, String sessionId, String organizationId,
                             @DataSubject String contactId, String source, Instant at)
        implements ConversationEvent {
}
