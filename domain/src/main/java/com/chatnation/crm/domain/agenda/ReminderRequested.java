package com.chatnation.crm.domain.agenda;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The contact will be reminded of the session, {@code leadSeconds} before it starts (at {@code remindAt} as it stands
 * now, or at once when that is already past).
 */
@Revision("1")
public record ReminderRequested(String reminderId, String organizationId, String eventId, String sessionId,
                                @DataSubject String contactId, String conversationId, Instant sessionStartsAt,
                                long leadSeconds, Instant remindAt, Instant at) implements SessionReminderEvent {
}
