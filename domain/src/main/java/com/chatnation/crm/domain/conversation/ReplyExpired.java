package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A reply never went out because the contact's customer-service window had closed: WhatsApp accepts free-form
 * messages only within 24 hours of the contact's last message. Not charged (a charge taken before WhatsApp's
 * 131047 answer is refunded).
 */
@Revision("1")
public record ReplyExpired(String conversationId, String sessionId, String organizationId,
                           @DataSubject String contactId, String replyId, String reason, Instant windowClosedAt)
        implements ConversationEvent {

    /** The dispatcher found the window closed and did not try. */
    public static final String WINDOW_CLOSED = "window_closed";
    /** WhatsApp's error 131047, "Re-engagement message": more than 24 hours since the contact last wrote. */
    public static final String RE_ENGAGEMENT_REQUIRED = "131047";
}
