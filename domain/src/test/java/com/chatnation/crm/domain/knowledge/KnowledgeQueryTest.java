package com.chatnation.crm.domain.knowledge;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

/** One question put to the knowledge base: logging it with its answer, and the asking contact's rating. */
class KnowledgeQueryTest {

    private static final String QUERY = "query-1";
    private static final String ORG = "org-1";
    private static final String OTHER_ORG = "org-2";
    private static final String CONVERSATION = "conv-1";
    private static final String JANE = "contact-jane";
    private static final String JOHN = "contact-john";
    private static final String QUESTION = "where is parking";
    private static final Instant ASKED = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant RATED = ASKED.plusSeconds(30);
    private static final List<KnowledgeMatch> MATCHES = List.of(new KnowledgeMatch("faq", "faq-1", null, 0.91),
            new KnowledgeMatch("chunk", "doc-1", 3, 0.72));
    private static final KnowledgeAnswer FAQ_ANSWER = new KnowledgeAnswer(KnowledgeAnswer.Kind.FAQ, "kb-1", "faq-1",
            "Where do I park?", "Behind the hall.", MATCHES, 42);

    private AggregateTestFixture<KnowledgeQuery> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(KnowledgeQuery.class);
    }

    private static LogKnowledgeQuery log(String contact, KnowledgeAnswer answer) {
        return new LogKnowledgeQuery(QUERY, ORG, CONVERSATION, contact, QUESTION, answer, ASKED);
    }

    private static KnowledgeQueryAnswered answered() {
        return new KnowledgeQueryAnswered(QUERY, ORG, CONVERSATION, JANE, QUESTION, "faq", "kb-1", "faq-1",
                "Where do I park?", "Behind the hall.", MATCHES, 42, ASKED);
    }

    private static RateKnowledgeAnswer rate(String organization, String contact, boolean helpful) {
        return new RateKnowledgeAnswer(QUERY, organization, contact, helpful, RATED);
    }

    private static KnowledgeAnswerRated rated(boolean helpful, Instant at) {
        return new KnowledgeAnswerRated(QUERY, ORG, JANE, helpful, at);
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    @Nested
    class Logging {

        @Test
        void recordsTheQuestionAndEveryFieldOfTheAnswerWithItsKindInLowerCase() {
            fixture.givenNoPriorActivity()
                    .when(log(JANE, FAQ_ANSWER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(answered());
        }

        @Test
        void aPassageAnswerIsRecordedAsPassage() {
            KnowledgeAnswer passage = new KnowledgeAnswer(KnowledgeAnswer.Kind.PASSAGE, "kb-2", "doc-1", "Handbook",
                    "Parking is behind the hall.", MATCHES.subList(1, 2), 7);
            fixture.givenNoPriorActivity()
                    .when(log(JANE, passage))
                    .expectEvents(new KnowledgeQueryAnswered(QUERY, ORG, CONVERSATION, JANE, QUESTION, "passage",
                            "kb-2", "doc-1", "Handbook", "Parking is behind the hall.", MATCHES.subList(1, 2), 7,
                            ASKED));
        }

        @Test
        void noAnswerIsRecordedAsNoneWithTheCandidatesFound() {
            fixture.givenNoPriorActivity()
                    .when(log(JANE, KnowledgeAnswer.none(MATCHES, 120)))
                    .expectEvents(new KnowledgeQueryAnswered(QUERY, ORG, CONVERSATION, JANE, QUESTION, "none",
                            null, null, null, null, MATCHES, 120, ASKED));
        }

        @Test
        void loggingTheSameQueryAgainRecordsNothing() {
            fixture.given(answered())
                    .when(log(JANE, KnowledgeAnswer.none(List.of(), 1)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void theContactIsRequired(String contact) {
            fixture.givenNoPriorActivity()
                    .when(log(contact, FAQ_ANSWER))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("missing_contact_id"))
                    .expectExceptionMessage("contact id is required")
                    .expectNoEvents();
        }

        @Test
        void theOrganizationIsRequired() {
            fixture.givenNoPriorActivity()
                    .when(new LogKnowledgeQuery(QUERY, null, CONVERSATION, JANE, QUESTION, FAQ_ANSWER, ASKED))
                    .expectException(violation("missing_organization_id"))
                    .expectNoEvents();
        }

        @Test
        void theAnswerIsRequired() {
            fixture.givenNoPriorActivity()
                    .when(log(JANE, null))
                    .expectException(NullPointerException.class)
                    .expectExceptionMessage("the answer is required")
                    .expectNoEvents();
        }
    }

    @Nested
    class Rating {

        @Test
        void theContactWhoAskedRatesTheAnswer() {
            fixture.given(answered())
                    .when(rate(ORG, JANE, true))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(rated(true, RATED));
        }

        @Test
        void theContactMayRateItNotHelpful() {
            fixture.given(answered())
                    .when(rate(ORG, JANE, false))
                    .expectEvents(rated(false, RATED));
        }

        @Test
        void ratingAgainTheSameWayRecordsNothing() {
            fixture.given(answered(), rated(true, ASKED.plusSeconds(5)))
                    .when(rate(ORG, JANE, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void ratingNotHelpfulAgainRecordsNothing() {
            fixture.given(answered(), rated(false, ASKED.plusSeconds(5)))
                    .when(rate(ORG, JANE, false))
                    .expectNoEvents();
        }

        @Test
        void changingTheVerdictRecordsTheNewOne() {
            fixture.given(answered(), rated(true, ASKED.plusSeconds(5)))
                    .when(rate(ORG, JANE, false))
                    .expectEvents(rated(false, RATED));
        }

        @Test
        void changingTheVerdictBackRecordsItAgain() {
            fixture.given(answered(), rated(true, ASKED.plusSeconds(5)), rated(false, ASKED.plusSeconds(9)))
                    .when(rate(ORG, JANE, true))
                    .expectEvents(rated(true, RATED));
        }

        @Test
        void anotherContactIsToldTheQuestionDoesNotExist() {
            fixture.given(answered())
                    .when(rate(ORG, JOHN, true))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("not_found"))
                    .expectExceptionMessage("no question query-1 of this contact")
                    .expectNoEvents();
        }

        @Test
        void anotherOrganizationIsToldTheQuestionDoesNotExist() {
            fixture.given(answered())
                    .when(rate(OTHER_ORG, JANE, true))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("not_found"))
                    .expectNoEvents();
        }

        @Test
        void aRatingWithoutAContactIsRefused() {
            fixture.given(answered())
                    .when(rate(ORG, null, true))
                    .expectException(violation("not_found"))
                    .expectNoEvents();
        }

        @Test
        void aQuestionNeverLoggedCannotBeRated() {
            fixture.givenNoPriorActivity()
                    .when(rate(ORG, JANE, true))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }
}
