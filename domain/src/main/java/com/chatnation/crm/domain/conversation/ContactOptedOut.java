package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The contact stopped the organization's marketing messages ({@link ConsentSource}: keyword, meta_preferences,
 * error_131050, api). Replies in a conversation the contact starts are not marketing and still go out.
 */
@Revision("1")
public record ContactOptedOut(String conversationId, String sessionId, String organizationId,
                              @DataSubject String contactId, String source, Instant at)
        implements ConversationEvent {
}
