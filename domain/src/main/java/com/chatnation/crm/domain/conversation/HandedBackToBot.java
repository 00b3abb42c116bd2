package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

/**
 * A handover ended. {@code reason}: {@value #HANDED_BACK} (an agent gave the conversation back to the bot, which
 * answers the contact's next message), {@value #CLOSED} (the session was closed while a person held it) or
 * {@value #EXPIRED} (the session ended on inactivity while a person held it); a new session always starts with the
 * bot. {@code agentId}: who handed back or closed (null on expiry). {@code handedOverAt}: when the handover began.
 */
public record HandedBackToBot(String conversationId, String sessionId, String organizationId,
                              @DataSubject String contactId, String agentId, String reason, Instant handedOverAt,
                              Instant at)
        implements ConversationEvent {

    public static final String HANDED_BACK = "handed_back";
    public static final String CLOSED = "closed";
    public static final String EXPIRED = "expired";
}
