package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step of the state machine decided: where to go, what to remember, what to say, what to ask of others.
 * {@code handover} is the reason when the step hands the conversation to the organization's team (null otherwise).
 * {@code billedModule} names the module its replies are billed to when it is not the flow's (null: the flow's).
 */
record Turn(ConversationState next, Map<String, String> stateData, List<OutboundReply> replies,
            List<ConversationEffect> effects, Boolean marketingOptIn, String handover, String billedModule) {

    Turn(ConversationState next, Map<String, String> stateData, List<OutboundReply> replies,
         List<ConversationEffect> effects) {
        this(next, stateData, replies, effects, null, null, null);
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
        return new Turn(next, stateData, more, effects, marketingOptIn, handover, billedModule);
    }

    Turn say(String text) {
        return say(new OutboundReply.Text(text));
    }

    /** The contact said, with one of the organization's words, whether they want its marketing messages. */
    Turn consent(boolean optedIn) {
        return new Turn(next, stateData, replies, effects, optedIn, handover, billedModule);
    }

    /** The conversation goes to the organization's team, for this reason ({@link ConversationHandedOver}). */
    Turn handOver(String reason) {
        return new Turn(next, stateData, replies, effects, marketingOptIn, reason, billedModule);
    }

    /** The turn's replies are billed to this module whatever flow the conversation is in (a poll's answers). */
    Turn billedTo(String module) {
        return new Turn(next, stateData, replies, effects, marketingOptIn, handover, module);
    }

    Turn andThen(ConversationEffect effect) {
        List<ConversationEffect> more = new ArrayList<>(effects);
        more.add(effect);
        return new Turn(next, stateData, replies, more, marketingOptIn, handover, billedModule);
    }
}
