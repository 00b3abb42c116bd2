package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step of the state machine decided: where to go, what to remember, what to say, what to ask of others.
 * {@code handover} is the reason when the step hands the conversation to the organization's team (null otherwise).
 * {@code billedAs} names the price its replies are billed at when it is not the flow's reply (null: the flow's).
 */
record Turn(ConversationState next, Map<String, String> stateData, List<OutboundReply> replies,
            List<ConversationEffect> effects, Boolean marketingOptIn, String handover, Price billedAs) {

    /** An entry of the organization's price list: {@code module/action}. */
    record Price(String module, String action) {
    }

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
        return new Turn(next, stateData, more, effects, marketingOptIn, handover, billedAs);
    }

    Turn say(String text) {
        return say(new OutboundReply.Text(text));
    }

    /** The contact said, with one of the organization's words, whether they want its marketing messages. */
    Turn consent(boolean optedIn) {
        return new Turn(next, stateData, replies, effects, optedIn, handover, billedAs);
    }

    /** The conversation goes to the organization's team, for this reason ({@link ConversationHandedOver}). */
    Turn handOver(String reason) {
        return new Turn(next, stateData, replies, effects, marketingOptIn, reason, billedAs);
    }

    /** The turn's replies are billed as this module's reply whatever flow the conversation is in (a poll's answers). */
    Turn billedTo(String module) {
        return billedAs(module, "reply");
    }

    /** The turn's replies are billed at this price ({@code ai/ai_query} for an answer from the knowledge base). */
    Turn billedAs(String module, String action) {
        return new Turn(next, stateData, replies, effects, marketingOptIn, handover, new Price(module, action));
    }

    Turn andThen(ConversationEffect effect) {
        List<ConversationEffect> more = new ArrayList<>(effects);
        more.add(effect);
        return new Turn(next, stateData, replies, more, marketingOptIn, handover, billedAs);
    }
}
