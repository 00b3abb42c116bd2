package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

/**
 * A person of the organization's team holds the conversation from now on: the bot records the contact's messages and
 * no longer answers them (only the consent words). {@code reason}: {@value #AGENT_TOOK_OVER} (by {@code agentId}),
 * {@value #CONTACT_ASKED} or {@value #BOT_COULD_NOT_HELP} (no agent).
 */
public record ConversationHandedOver(String conversationId, String sessionId, String organizationId,
                                     @DataSubject String contactId, String reason, String agentId, Instant at)
        implements ConversationEvent {

    public static final String AGENT_TOOK_OVER = "agent_took_over";
    public static final String CONTACT_ASKED = "contact_asked";
    public static final String BOT_COULD_NOT_HELP = "bot_could_not_help";
}
