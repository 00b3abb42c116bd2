package com.chatnation.crm.domain.conversation;

import java.util.List;

/** What {@link ReplyAsAgent} did: the reply's id, and work for other aggregates (a survey left by the take-over). */
public record AgentReplyQueued(String replyId, List<ConversationEffect> effects) {

    public AgentReplyQueued {
        effects = List.copyOf(effects);
    }
}
