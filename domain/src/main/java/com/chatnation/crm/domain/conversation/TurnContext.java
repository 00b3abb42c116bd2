package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.organization.ConsentWords;
import com.chatnation.crm.domain.organization.HandoverSettings;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything a state handler may look at: where the conversation is, what was just said, and the catalogs.
 * Handlers are pure functions of this context, which is what makes the transition table testable as a table.
 */
record TurnContext(String organizationId, String conversationId, ConversationState state, Map<String, String> data,
                   String messageId, MessageContent content, Instant now, SurveyCatalog surveys,
                   EventCatalog events, PollCatalog polls, KnowledgeCatalog knowledge, CardCatalog cards,
                   ProgramCatalog programs, AgendaCatalog agenda, ExhibitorCatalog exhibitors, Supplier<String> ids,
                   ConsentWords consentWords, HandoverSettings handover) {

    TurnContext(String organizationId, String conversationId, ConversationState state, Map<String, String> data,
                String messageId, MessageContent content, Instant now, SurveyCatalog surveys, EventCatalog events,
                Supplier<String> ids, ConsentWords consentWords) {
        this(organizationId, conversationId, state, data, messageId, content, now, surveys, events, PollCatalog.NONE,
                KnowledgeCatalog.NONE, CardCatalog.NONE, ProgramCatalog.NONE, AgendaCatalog.NONE, ExhibitorCatalog.NONE, ids, consentWords, HandoverSettings.DEFAULT);
    }

    /** The same message and catalogs, seen from another state (a flow handing the message on to another). */
    TurnContext inState(ConversationState newState, Map<String, String> newData) {
        return new TurnContext(organizationId, conversationId, newState, newData, messageId, content, now, surveys, events,
                polls, knowledge, cards, programs, agenda, exhibitors, ids, consentWords, handover);
    }

    String text() {
        return content.readableText().strip();
    }

    String word() {
        return Intent.normalize(content.readableText());
    }

    /** The id behind a tapped button or list row, if the contact tapped one. */
    String tappedId() {
        return content.tappedId();
    }

    /**
     * What a typed message says about marketing consent (true: opt in, false: opt out), or null. Only typed text
     * counts: a tapped button's title is the organization's word, not the contact's.
     */
    Boolean consentWord() {
        return consentWords != null && content instanceof MessageContent.Text text
                ? consentWords.optsIn(text.body()) : null;
    }

    /** Whether a typed message is one of the organization's words for asking for a person (a tapped button is not). */
    boolean asksForAPerson() {
        return handover != null && content instanceof MessageContent.Text text && handover.asksForAPerson(text.body());
    }

    String newId() {
        return ids.get();
    }
}
