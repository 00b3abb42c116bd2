package com.chatnation.crm.domain.agenda;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Set;

/** The reminder will not be sent, for one of {@link #REASONS}. */
@Revision("1")
public record ReminderCancelled(String reminderId, String organizationId, String eventId, String sessionId,
                                @DataSubject String contactId, String reason, Instant at)
        implements SessionReminderEvent {

    /** The contact asked. */
    public static final String BY_CONTACT = "contact";
    /** The organization cancelled the session. */
    public static final String SESSION_CANCELLED = "session_cancelled";
    /** The contact opted out of the organization's messages before it was due. */
    public static final String OPTED_OUT = "opted_out";
    /** The session was over before the schedule got to it (the service was down). */
    public static final String MISSED = "missed";
    public static final Set<String> REASONS = Set.of(BY_CONTACT, SESSION_CANCELLED, OPTED_OUT, MISSED);
}
