package com.chatnation.crm.domain.conversation;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A contact's first message after none or after the previous session ended. */
@Revision("1")
public record ConversationStarted(String conversationId, String sessionId, String organizationId, String contactPhone, String profileName, Instant startedAt,
                                  Duration inactivityTimeout)
        implements ConversationEvent {
}
