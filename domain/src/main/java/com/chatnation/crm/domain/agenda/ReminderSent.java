package com.chatnation.crm.domain.agenda;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The reminder went to the contact's conversation as the message {@code replyId}. */
@Revision("1")
public record ReminderSent(String reminderId, String organizationId, String eventId, String sessionId,
                           @DataSubject String contactId, String conversationId, String replyId, Instant at)
        implements SessionReminderEvent {
}
