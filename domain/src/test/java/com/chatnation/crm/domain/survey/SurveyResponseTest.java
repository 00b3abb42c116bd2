package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContent.ButtonReply;
import com.chatnation.crm.domain.messaging.MessageContent.Media;
import com.chatnation.crm.domain.messaging.MessageContent.Text;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.chatnation.crm.domain.survey.SurveyFixtures.ORG;
import static com.chatnation.crm.domain.survey.SurveyFixtures.SURVEY;
import static com.chatnation.crm.domain.survey.SurveyResponse.INACTIVITY_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class SurveyResponseTest {

    private static final String RESPONSE = "response-1";
    private static final String PHONE = "+254700000001";
    private static final String CONVERSATION = "conversation-1";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final SurveyDefinition SURVEY_V1 = SurveyFixtures.definition();

    private AggregateTestFixture<SurveyResponse> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SurveyResponse.class);
    }

    private static StartSurveyResponse start() {
        return start(SURVEY_V1, TIMEOUT);
    }

    private static StartSurveyResponse start(SurveyDefinition definition, Duration timeout) {
        return new StartSurveyResponse(RESPONSE, ORG, TestContacts.id(PHONE), PHONE, CONVERSATION, definition, "keyword", timeout);
    }

    private static SurveyResponseStarted started() {
        return started(SURVEY_V1);
    }

    private static SurveyResponseStarted started(SurveyDefinition definition) {
        return new SurveyResponseStarted(RESPONSE, ORG, definition.surveyId(), definition.version(), TestContacts.id(PHONE), PHONE,
                CONVERSATION, "keyword", definition, TIMEOUT);
    }

    private static AnswerQuestion answer(String messageId, MessageContent content) {
        return new AnswerQuestion(RESPONSE, messageId, content);
    }

    private static AnswerQuestion answer(String messageId, String text) {
        return answer(messageId, new Text(text));
    }

    private static QuestionAnswered answered(String questionId, QuestionType type, AnswerValue value, String messageId) {
        return new QuestionAnswered(RESPONSE, ORG, SURVEY, 1, questionId, type, value, messageId, TestContacts.id(PHONE));
    }

    private static QuestionAnswered attendedYes() {
        return answered("attended", QuestionType.YES_NO, AnswerValue.flag(true), "m1");
    }

    private static QuestionAnswered rated(int stars) {
        return answered("rating", QuestionType.RATING, AnswerValue.number(stars), "m2");
    }

    private static QuestionSkipped skipped(String questionId, String reason) {
        return new QuestionSkipped(RESPONSE, ORG, SURVEY, questionId, reason);
    }

    private static SurveyResponseCompleted completed(int answeredCount, double sentiment) {
        return new SurveyResponseCompleted(RESPONSE, ORG, SURVEY, 1, TestContacts.id(PHONE), answeredCount, sentiment);
    }

    private static SurveyResponseAbandoned abandoned(String lastQuestionId, int answeredCount, String reason) {
        return new SurveyResponseAbandoned(RESPONSE, ORG, SURVEY, 1, lastQuestionId, answeredCount, reason);
    }

    private static SurveyStep.Ask asking(String questionId) {
        Question question = SURVEY_V1.question(questionId);
        return new SurveyStep.Ask(question, null, QuestionPrompt.ask(question));
    }

    @Nested
    class Starting {
        @Test
        void recordsTheStartAsksTheFirstQuestionWithTheIntroAndStartsTheClock() {
            Question first = SURVEY_V1.firstQuestion();
            // a whole millisecond, as the event store keeps it
            fixture.givenCurrentTime(Instant.parse("2026-03-01T10:00:00.123Z"))
                    .when(start())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(started())
                    .expectResultMessagePayload(new SurveyStep.Ask(first, null,
                            QuestionPrompt.introduce("Thanks for coming! A few questions.", first)))
                    .expectScheduledDeadlineWithName(TIMEOUT, INACTIVITY_DEADLINE)
                    .expectState(response -> {
                        assertThat(response.currentQuestionId()).isEqualTo("attended");
                        assertThat(response.inProgress()).isTrue();
                    });
        }

        @Test
        void refusesAMissingDefinition() {
            fixture.givenNoPriorActivity()
                    .when(start(null, TIMEOUT))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("a survey response needs the survey definition to answer")
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void refusesAZeroNegativeOrMissingTimeout() {
            fixture.givenNoPriorActivity()
                    .when(start(SURVEY_V1, Duration.ZERO))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("the inactivity timeout must be a positive duration, was PT0S")
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(start(SURVEY_V1, Duration.ofMinutes(-5)))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage(containsString("was PT-5M"));
            fixture.givenNoPriorActivity()
                    .when(start(SURVEY_V1, null))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage(containsString("was null"));
        }

        @Test
        void refusesASurveyOfAnotherOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new StartSurveyResponse(RESPONSE, "org-2", TestContacts.id(PHONE), PHONE, CONVERSATION, SURVEY_V1, "keyword", TIMEOUT))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("survey 'survey-1' does not belong to organization 'org-2'")
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingContact() {
            fixture.givenNoPriorActivity()
                    .when(new StartSurveyResponse(RESPONSE, ORG, TestContacts.id(" "), " ", CONVERSATION, SURVEY_V1, "keyword", TIMEOUT))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("contact phone is required");
        }
    }

    @Nested
    class Answering {
        @Test
        void aValidAnswerIsRecordedNormalizedAndTheNextQuestionAsked() {
            fixture.given(started())
                    .when(answer("m1", new ButtonReply("yes", "Yes")))
                    .expectEvents(attendedYes())
                    .expectResultMessagePayload(asking("rating"))
                    .expectState(response -> {
                        assertThat(response.currentQuestionId()).isEqualTo("rating");
                        assertThat(response.answeredCount()).isEqualTo(1);
                    });
        }

        @Test
        void answersCarryTheVersionTheResponseStartedOn() {
            SurveyDefinition v3 = SurveyFixtures.definition(3);
            fixture.given(started(v3))
                    .when(answer("m1", "yep"))
                    .expectEvents(new QuestionAnswered(RESPONSE, ORG, SURVEY, 3, "attended", QuestionType.YES_NO,
                            AnswerValue.flag(true), "m1", TestContacts.id(PHONE)));
        }

        @Test
        void aRedeliveredMessageDoesNotAnswerTwice() {
            fixture.given(started(), attendedYes())
                    .when(answer("m1", "yes"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(asking("rating"));
        }

        @Test
        void anOutOfRangeRatingIsRejectedRecordedAndReasked() {
            String reason = "Please reply with a number from 1 to 5.";
            Question rating = SURVEY_V1.question("rating");
            fixture.given(started(), attendedYes())
                    .when(answer("m2", "7"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AnswerRejected(RESPONSE, ORG, SURVEY, "rating", reason, "7", TestContacts.id(PHONE)))
                    .expectResultMessagePayload(new SurveyStep.Ask(rating, reason, QuestionPrompt.reask(rating, reason)))
                    .expectState(response -> {
                        assertThat(response.currentQuestionId()).isEqualTo("rating");
                        assertThat(response.answeredCount()).isEqualTo(1);
                    });
        }

        @Test
        void aVoiceNoteToAYesNoQuestionIsRejectedWithItsKindAsRawText() {
            fixture.given(started())
                    .when(answer("m1", new Media("audio", "media-1", "audio/ogg", null, null, true, false)))
                    .expectEvents(new AnswerRejected(RESPONSE, ORG, SURVEY, "attended", "Please reply Yes or No.", "[audio]", TestContacts.id(PHONE)));
        }

        @Test
        void aLocationToAFreeTextQuestionIsRejected() {
            fixture.given(started(), attendedYes(), rated(2))
                    .when(answer("m3", new MessageContent.Location(BigDecimal.ONE, BigDecimal.TEN, null, null, null)))
                    .expectEvents(new AnswerRejected(RESPONSE, ORG, SURVEY, "wrong", "Please type your answer.", "[location]", TestContacts.id(PHONE)));
        }

        @Test
        void skipOnARequiredQuestionIsRejected() {
            fixture.given(started(), attendedYes(), rated(2))
                    .when(answer("m3", "skip"))
                    .expectEvents(new AnswerRejected(RESPONSE, ORG, SURVEY, "wrong",
                            "This question can't be skipped. Please type your answer.", "skip", TestContacts.id(PHONE)));
        }

        @Test
        void anUnknownOptionIsRejected() {
            fixture.given(started(), attendedYes(), rated(5), skipped("wrong", QuestionSkipped.BY_SKIP_LOGIC))
                    .when(answer("m3", "the food"))
                    .expectEvents(new AnswerRejected(RESPONSE, ORG, SURVEY, "session",
                            "Please pick one of the options (reply with its number, 1 to 3).", "the food", TestContacts.id(PHONE)));
        }

        @Test
        void aTooLongAnswerIsRejected() {
            String essay = "x".repeat(4097);
            fixture.given(started(), attendedYes(), rated(2))
                    .when(answer("m3", essay))
                    .expectEvents(new AnswerRejected(RESPONSE, ORG, SURVEY, "wrong",
                            "Your answer is too long. Please keep it under 4096 characters.", essay, TestContacts.id(PHONE)));
        }

        @Test
        void aMediaQuestionRejectsTextAndKeepsTheMediaItAccepts() {
            Question photo = Question.of("photo", "Send us a photo of the stage", QuestionType.MEDIA);
            SurveyDefinition media = new SurveyDefinition(SURVEY, 1, ORG, "Photos", null, "Thanks!", List.of(photo), null);
            fixture.given(started(media))
                    .when(answer("m1", "I have no photo"))
                    .expectEvents(new AnswerRejected(RESPONSE, ORG, SURVEY, "photo",
                            "Please send a voice note, photo, video or document.", "I have no photo", TestContacts.id(PHONE)));
            fixture.given(started(media))
                    .when(answer("m1", new Media("image", "media-9", "image/jpeg", "stage", null, false, false)))
                    .expectEvents(answered("photo", QuestionType.MEDIA,
                                    AnswerValue.media(new MediaAnswer("image", "media-9", "image/jpeg", "stage", null, false)), "m1"),
                            completed(1, 0.0));
        }
    }

    @Nested
    class Skipping {
        @Test
        void aHighRatingJumpsOverWhatWentWrong() {
            fixture.given(started(), attendedYes())
                    .when(answer("m2", "five"))
                    .expectEvents(rated(5), skipped("wrong", QuestionSkipped.BY_SKIP_LOGIC))
                    .expectResultMessagePayload(asking("session"))
                    .expectState(response -> assertThat(response.currentQuestionId()).isEqualTo("session"));
        }

        @Test
        void aLowRatingContinuesInOrder() {
            fixture.given(started(), attendedYes())
                    .when(answer("m2", "2"))
                    .expectEvents(rated(2))
                    .expectResultMessagePayload(asking("wrong"));
        }

        @Test
        void notAttendingEndsTheSurveySkippingTheRest() {
            fixture.given(started())
                    .when(answer("m1", "hapana"))
                    .expectEvents(answered("attended", QuestionType.YES_NO, AnswerValue.flag(false), "m1"),
                            skipped("rating", QuestionSkipped.BY_SKIP_LOGIC),
                            skipped("wrong", QuestionSkipped.BY_SKIP_LOGIC),
                            skipped("session", QuestionSkipped.BY_SKIP_LOGIC),
                            skipped("comments", QuestionSkipped.BY_SKIP_LOGIC),
                            completed(1, 0.0))
                    .expectResultMessagePayload(new SurveyStep.Completed("Thank you for your feedback!", 0.0))
                    .expectState(response -> assertThat(response.completed()).isTrue());
        }

        @Test
        void theContactMaySkipAnOptionalQuestion() {
            fixture.given(started(), attendedYes(), rated(5), skipped("wrong", QuestionSkipped.BY_SKIP_LOGIC))
                    .when(answer("m3", "Skip"))
                    .expectEvents(skipped("session", QuestionSkipped.BY_CONTACT))
                    .expectResultMessagePayload(asking("comments"));
        }

        @Test
        void skippingTheLastQuestionCompletes() {
            fixture.given(started(), attendedYes(), rated(5), skipped("wrong", QuestionSkipped.BY_SKIP_LOGIC),
                            skipped("session", QuestionSkipped.BY_CONTACT))
                    .when(answer("m4", "skip"))
                    .expectEvents(skipped("comments", QuestionSkipped.BY_CONTACT), completed(2, 0.0));
        }
    }

    @Nested
    class Completing {
        @Test
        void theLastAnswerCompletesWithSentimentOverFreeTextAnswers() {
            // "terrible" is -1.0 and "very good" is 0.9: the mean is -0.05.
            fixture.given(started(), attendedYes(), rated(2),
                            answered("wrong", QuestionType.FREE_TEXT, AnswerValue.text("The sound was terrible"), "m3"),
                            skipped("session", QuestionSkipped.BY_CONTACT))
                    .when(answer("m5", "Very good speakers though"))
                    .expectEvents(answered("comments", QuestionType.FREE_TEXT, AnswerValue.text("Very good speakers though"), "m5"),
                            completed(4, -0.05))
                    .expectResultMessagePayload(new SurveyStep.Completed("Thank you for your feedback!", -0.05))
                    .expectState(response -> {
                        assertThat(response.completed()).isTrue();
                        assertThat(response.currentQuestionId()).isNull();
                    });
        }

        @Test
        void completionEndsTheResponse() {
            fixture.givenCommands(start())
                    .when(answer("m1", "no"))
                    .expectEvents(answered("attended", QuestionType.YES_NO, AnswerValue.flag(false), "m1"),
                            skipped("rating", QuestionSkipped.BY_SKIP_LOGIC), skipped("wrong", QuestionSkipped.BY_SKIP_LOGIC),
                            skipped("session", QuestionSkipped.BY_SKIP_LOGIC), skipped("comments", QuestionSkipped.BY_SKIP_LOGIC),
                            completed(1, 0.0));
        }

        @Test
        void theDeadlineFindsACompletedResponseAndDoesNothing() {
            fixture.givenCommands(start(), answer("m1", "no"))
                    .whenTimeElapses(TIMEOUT.plusSeconds(1))
                    .expectTriggeredDeadlinesWithName(INACTIVITY_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void aCompletedResponseTakesNoMoreAnswers() {
            fixture.given(started(), answered("attended", QuestionType.YES_NO, AnswerValue.flag(false), "m1"),
                            completed(1, 0.0))
                    .when(answer("m2", "yes"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("survey response 'response-1' is already completed")
                    .expectNoEvents();
        }
    }

    @Nested
    class Abandoning {
        @Test
        void cancellingRecordsWhereTheContactStoppedAndStopsTheClock() {
            fixture.givenCommands(start(), answer("m1", "yes"))
                    .when(new AbandonSurveyResponse(RESPONSE, "cancelled"))
                    .expectEvents(abandoned("rating", 1, "cancelled"))
                    .expectResultMessagePayload(new SurveyStep.Abandoned("cancelled", "rating"))
                    .expectState(response -> assertThat(response.abandoned()).isTrue());
        }

        @Test
        void aBlankReasonMeansCancelled() {
            fixture.given(started())
                    .when(new AbandonSurveyResponse(RESPONSE, " "))
                    .expectEvents(abandoned("attended", 0, SurveyResponseAbandoned.CANCELLED));
        }

        @Test
        void aClosedResponseCannotBeAbandonedOrAnswered() {
            fixture.given(started(), abandoned("attended", 0, "cancelled"))
                    .when(new AbandonSurveyResponse(RESPONSE, "cancelled"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("survey response 'response-1' is already abandoned")
                    .expectNoEvents();
            fixture.given(started(), abandoned("attended", 0, "cancelled"))
                    .when(answer("m1", "yes"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage(containsString("already abandoned"));
            fixture.given(started(), answered("attended", QuestionType.YES_NO, AnswerValue.flag(false), "m1"),
                            completed(1, 0.0))
                    .when(new AbandonSurveyResponse(RESPONSE, "cancelled"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("survey response 'response-1' is already completed");
        }
    }

    @Nested
    class Inactivity {
        @Test
        void silenceForTheTimeoutAbandonsTheResponse() {
            fixture.givenCommands(start())
                    .whenTimeElapses(TIMEOUT.plusSeconds(1))
                    .expectTriggeredDeadlinesWithName(INACTIVITY_DEADLINE)
                    .expectEvents(abandoned("attended", 0, SurveyResponseAbandoned.INACTIVITY));
        }

        @Test
        void nothingHappensBeforeTheTimeout() {
            fixture.givenCommands(start())
                    .whenTimeElapses(TIMEOUT.minusSeconds(1))
                    .expectTriggeredDeadlinesWithName()
                    .expectNoEvents();
        }

        @Test
        void anAnswerReplacesThePendingDeadlineRatherThanAddingOne() {
            // Were the first deadline left in place, both would be triggered here.
            fixture.givenCommands(start(), answer("m1", "yes"), answer("m2", "not a number"))
                    .whenTimeElapses(TIMEOUT.plusSeconds(1))
                    .expectTriggeredDeadlinesWithName(INACTIVITY_DEADLINE)
                    .expectEvents(abandoned("rating", 1, SurveyResponseAbandoned.INACTIVITY));
        }

        @Test
        void theDeadlineFindsACancelledResponseAndDoesNothing() {
            fixture.givenCommands(start(), new AbandonSurveyResponse(RESPONSE, "cancelled"))
                    .whenTimeElapses(TIMEOUT.plusSeconds(1))
                    .expectTriggeredDeadlinesWithName(INACTIVITY_DEADLINE)
                    .expectNoEvents();
        }
        // Re-arming after a later answer is exercised end to end by ConversationDeadlinesIntegrationTest: the
        // fixture stamps every given command with one clock reading, so answers cannot come later than the start.
    }
}
