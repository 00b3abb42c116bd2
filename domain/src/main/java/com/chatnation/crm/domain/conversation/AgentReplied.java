package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

/**
 * A person of the organization's team answered the contact. The reply itself is the {@link ReplyQueued} of
 * {@code replyId} recorded just before (module {@code inbox}, action {@code agent_reply}), billed, held, sent and
 * tracked like the bot's; this event says who wrote it. {@code templateName}: the approved template it goes out as
 * (the contact's window had closed), or null for a free-form reply. {@code handedOverAt}: when the handover it
 * answers in began (null for a reply to a conversation no longer held, such as a template after the session ended);
 * {@code firstResponse}: it is the team's first reply since then.
 */
public record AgentReplied(String conversationId, String sessionId, String organizationId,
                           @DataSubject String contactId, String agentId, String replyId, String templateName,
                           Instant handedOverAt, boolean firstResponse, Instant at)
        implements ConversationEvent {
}
