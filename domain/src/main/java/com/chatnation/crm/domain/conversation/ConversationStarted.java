package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A contact's first message after none or after the previous session ended. */
@Revision("2")
public record ConversationStarted(String conversationId, String sessionId, String organizationId, @DataSubject String contactId,
                                  @PersonalData String contactPhone, @PersonalData String profileName, Instant startedAt,
                                  Duration inactivityTimeout)
        implements ConversationEvent {
}
