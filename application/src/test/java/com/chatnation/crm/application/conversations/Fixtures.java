package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.payments.PaymentProvider;
import com.chatnation.crm.application.payments.PaymentRequests;
import com.chatnation.crm.application.support.TestContacts;
import com.chatnation.crm.application.ticketing.JdbcEventCatalog;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionType;
import com.chatnation.crm.domain.survey.SurveyDefinition;
import com.chatnation.crm.domain.survey.SurveyStep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the process tests share: one contact's message turn and a small survey. */
final class Fixtures {

    static final String CONVERSATION = "conv-1";
    static final String ORGANIZATION = "org-1";
    static final String CONTACT = "+254700000001";
    static final Instant AT = Instant.parse("2025-06-01T10:00:00Z");
    static final EffectOrigin ORIGIN = new EffectOrigin(CONVERSATION, ORGANIZATION, TestContacts.id(CONTACT), CONTACT, AT);
    static final ConversationSettings SETTINGS = new ConversationSettings(Duration.ofHours(24), Duration.ofMinutes(15));

    static final Question RATING = Question.of("rating", "How would you rate the event?", QuestionType.RATING);
    static final Question AGAIN = Question.of("again", "Would you come again?", QuestionType.YES_NO);
    static final SurveyDefinition SURVEY = new SurveyDefinition("survey-1", 3, ORGANIZATION, "Feedback",
            "Thanks for coming!", "Thank you!", List.of(RATING, AGAIN), List.of("feedback"));

    private Fixtures() {
    }

    static SurveyStep.Ask ask(Question question) {
        return new SurveyStep.Ask(question, null, new OutboundReply.Text(question.text()));
    }

    /** The ticket catalog as far as a reservation reads it: event and ticket type names, keyed "eventId/ticketTypeId". */
    /** Payments as an organization without M-Pesa has them ({@code enabled} false) or with it (true). */
    static PaymentRequests payments(RecordingCommandGateway commands, boolean enabled) {
        return new PaymentRequests(commands, new PaymentProvider() {
            @Override
            public String name() {
                return "mpesa";
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public PushAnswer push(PushRequest request) {
                throw new AssertionError("a process never calls the provider itself");
            }

            @Override
            public StatusAnswer status(String providerReference) {
                throw new AssertionError("a process never calls the provider itself");
            }
        }, Duration.ofMinutes(10));
    }

    static JdbcEventCatalog catalogNaming(Map<String, String[]> names) {
        return new JdbcEventCatalog(null) {
            @Override
            public Optional<String[]> names(String eventId, String ticketTypeId) {
                return Optional.ofNullable(names.get(eventId + "/" + ticketTypeId));
            }

            @Override
            public List<EventOnSale> eventsOnSale(String organizationId, Instant at) {
                throw new UnsupportedOperationException("a reservation does not browse the catalog");
            }
        };
    }
}
