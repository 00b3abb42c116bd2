package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.chatnation.crm.domain.survey.SurveyFixtures.ORG;
import static com.chatnation.crm.domain.survey.SurveyFixtures.SURVEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class SurveyTest {

    private AggregateTestFixture<Survey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Survey.class);
    }

    private static PublishSurvey publish() {
        return new PublishSurvey(SURVEY, ORG, "Event feedback", "Thanks for coming! A few questions.",
                "Thank you for your feedback!", SurveyFixtures.questions(), List.of("Feedback"));
    }

    private static SurveyPublished published(int version) {
        return new SurveyPublished(SURVEY, ORG, version, SurveyFixtures.definition(version));
    }

    private static ReviseSurvey revise(List<Question> questions) {
        return new ReviseSurvey(SURVEY, "Event feedback", "Thanks for coming! A few questions.",
                "Thank you for your feedback!", questions, List.of("feedback"));
    }

    @Test
    void publishingCreatesVersionOne() {
        fixture.givenNoPriorActivity()
                .when(publish())
                .expectSuccessfulHandlerExecution()
                .expectEvents(published(1))
                .expectState(survey -> {
                    assertThat(survey.currentDefinition().version()).isEqualTo(1);
                    assertThat(survey.currentDefinition().keywords()).containsExactly("feedback");
                    assertThat(survey.archived()).isFalse();
                });
    }

    @Test
    void publishingAnInvalidDefinitionIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new PublishSurvey(SURVEY, ORG, "Empty", null, null, List.of(), List.of()))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a survey needs at least one question")
                .expectNoEvents();
    }

    @Test
    void everyRevisionIsTheNextVersion() {
        fixture.given(published(1), published(2))
                .when(revise(SurveyFixtures.questions()))
                .expectEvents(published(3))
                .expectResultMessagePayload(3)
                .expectState(survey -> assertThat(survey.currentDefinition().version()).isEqualTo(3));
    }

    @Test
    void aRevisionMayChangeTheQuestions() {
        List<Question> shorter = List.of(Question.freeText("why", "Why?", true));
        fixture.given(published(1))
                .when(revise(shorter))
                .expectEvents(new SurveyPublished(SURVEY, ORG, 2, new SurveyDefinition(SURVEY, 2, ORG, "Event feedback",
                        "Thanks for coming! A few questions.", "Thank you for your feedback!", shorter,
                        List.of("feedback"))))
                .expectState(survey -> assertThat(survey.currentDefinition().questions()).containsExactlyElementsOf(shorter));
    }

    @Test
    void anInvalidRevisionIsRefused() {
        fixture.given(published(1))
                .when(revise(List.of(Question.freeText("a", "A?", true), Question.freeText("a", "B?", true))))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage(containsString("'a' is used more than once"))
                .expectNoEvents();
    }

    @Test
    void archivingRetiresTheCurrentVersion() {
        fixture.given(published(1), published(2))
                .when(new ArchiveSurvey(SURVEY))
                .expectEvents(new SurveyArchived(SURVEY, ORG, 2))
                .expectState(survey -> assertThat(survey.archived()).isTrue());
    }

    @Test
    void archivingTwiceChangesNothing() {
        fixture.given(published(1), new SurveyArchived(SURVEY, ORG, 1))
                .when(new ArchiveSurvey(SURVEY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anArchivedSurveyCannotBeRevised() {
        fixture.given(published(1), new SurveyArchived(SURVEY, ORG, 1))
                .when(revise(SurveyFixtures.questions()))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("survey 'survey-1' is archived and can no longer be revised")
                .expectNoEvents();
    }
}
