package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.survey.SurveyDefinition;

/**
 * Work the conversation decided on that belongs to another aggregate. The caller carries it out in the same
 * transaction and reports the outcome back ({@link RecordSurveyStep}, {@link RecordTicketReservation}), which
 * is when the conversation replies.
 */
public sealed interface ConversationEffect {

    record StartSurvey(String responseId, SurveyDefinition definition, String source) implements ConversationEffect {
    }

    record AnswerSurvey(String responseId, String messageId, MessageContent answer) implements ConversationEffect {
    }

    record AbandonSurvey(String responseId, String reason) implements ConversationEffect {
    }

    /** A contact's vote for {@code optionId} of a poll, to be cast in the {@code Poll} and its outcome reported back. */
    record VoteInPoll(String pollId, String optionId) implements ConversationEffect {
    }

    /** Typed text no keyword or flow took, for the organization's knowledge base to answer. */
    record AskKnowledgeBase(String queryId, String question) implements ConversationEffect {
    }

    /** The contact rated an answer of the knowledge base. */
    record RateAnswer(String queryId, boolean helpful) implements ConversationEffect {
    }

    /**
     * The contact gave everything a card template asks for: the card is to be drawn ({@code name} and {@code title}
     * null when the template does not use them, {@code photoMessageId} the message that carried the photo, or null).
     */
    record MakeCard(String cardId, String templateId, String name, String title, String photoMessageId)
            implements ConversationEffect {
    }

    /** The contact asked to join a content program by its keyword. */
    record JoinProgram(String programId) implements ConversationEffect {
    }

    /** The contact asked to leave a content program. */
    record LeaveProgram(String programId) implements ConversationEffect {
    }

    /**
     * The contact said yes to sharing their contact with an exhibitor at its booth: the lead is to be captured (once
     * per contact and exhibitor; a second visit keeps the one lead).
     */
    record CaptureLead(String exhibitorId, String eventId) implements ConversationEffect {
    }

    /** What the contact added to their lead: the product that interests them, or a note (the other one null). */
    record AddLeadDetail(String exhibitorId, String productId, String productName, String note)
            implements ConversationEffect {
    }

    /** The contact asked to be reminded of a session of an event's agenda, which starts at {@code startsAt}. */
    record RemindOfSession(String eventId, String sessionId, java.time.Instant startsAt) implements ConversationEffect {
    }

    /** The contact asked not to be reminded of a session after all. */
    record CancelSessionReminder(String sessionId) implements ConversationEffect {
    }

    record ReserveTickets(String eventId, String reservationId, String ticketTypeId, int quantity)
            implements ConversationEffect {
    }

    /** The contact confirmed they want to take part in a free event (one that sells no tickets). */
    record RegisterForEvent(String eventId) implements ConversationEffect {
    }

    /** The contact asked to give up an unpaid reservation, by the button under its payment instructions. */
    record CancelReservation(String reservationId) implements ConversationEffect {
    }
}
