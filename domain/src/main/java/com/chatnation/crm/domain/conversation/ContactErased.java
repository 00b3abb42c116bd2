package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The contact was erased. Their sealed data in every earlier event is unreadable from now on; read models delete
 * or blank what they hold about them, and keep only counts under the opaque contact id.
 */
@Revision("1")
public record ContactErased(String conversationId, String sessionId, String organizationId,
                            @DataSubject String contactId, String reason, Instant erasedAt)
        implements ConversationEvent {
}
