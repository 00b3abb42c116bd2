package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

/** A file the contact sent could not be kept, and why ({@code gone}, {@code too_large}, {@code type_not_allowed},
 * {@code failed}). */
public record MediaLost(String conversationId, String sessionId, String organizationId, @DataSubject String contactId,
                        String messageId, String mediaId, String reason, Instant at) implements ConversationEvent {

    public static final String GONE = "gone";
    public static final String TOO_LARGE = "too_large";
    public static final String TYPE_NOT_ALLOWED = "type_not_allowed";
    public static final String FAILED = "failed";
}
