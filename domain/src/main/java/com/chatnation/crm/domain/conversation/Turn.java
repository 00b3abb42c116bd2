package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one step of the state machine decided: where to go, what to remember, what to say, what to ask of others. */
record Turn(ConversationState next, Map<String, String> stateData, List<OutboundReply> replies,
            List<ConversationEffect> effects, Boolean marketingOptIn) {

    Turn(ConversationState next, Map<String, String> stateData, List<OutboundReply> replies,
         List<ConversationEffect> effects) {
        this(next, stateData, replies, effects, null);
    }

    Turn {
        stateData = new LinkedHashMap<>(stateData);
        replies = List.copyOf(replies);
        effects = List.copyOf(effects);
    }

    static Turn to(ConversationState next, Map<String, String> stateData) {
        return new Turn(next, stateData, List.of(), List.of());
    }

    static Turn idle() {
        return to(ConversationState.IDLE, Map.of());
    }

    Turn say(OutboundReply reply) {
        List<OutboundReply> more = new ArrayList<>(replies);
        more.add(reply);
        return new Turn(next, stateData, more, effects, marketingOptIn);
    }

    Turn say(String text) {
        return say(new OutboundReply.Text(text));
    }

    /** The contact said, with one of the organization's words, whether they want its marketing messages. */
    Turn consent(boolean optedIn) {
        return new Turn(next, stateData, replies, effects, optedIn);
    }

    Turn andThen(ConversationEffect effect) {
        List<ConversationEffect> more = new ArrayList<>(effects);
        more.add(effect);
        return new Turn(next, stateData, replies, more, marketingOptIn);
    }
}
