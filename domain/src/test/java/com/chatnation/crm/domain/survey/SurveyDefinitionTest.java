package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.chatnation.crm.domain.survey.SurveyFixtures.ORG;
import static com.chatnation.crm.domain.survey.SurveyFixtures.SURVEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveyDefinitionTest {

    private static SurveyDefinition withQuestions(List<Question> questions) {
        return new SurveyDefinition(SURVEY, 1, ORG, "Title", null, null, questions, null);
    }

    @Test
    void normalizesKeywordsToTrimmedLowerCaseWithoutBlanksOrDuplicates() {
        SurveyDefinition definition = new SurveyDefinition(SURVEY, 1, ORG, "Title", null, null,
                SurveyFixtures.questions(), Arrays.asList(" Feedback ", "FEEDBACK", "", null, "Maoni"));
        assertThat(definition.keywords()).containsExactly("feedback", "maoni");
    }

    @Test
    void navigatesQuestionsInOrder() {
        SurveyDefinition definition = SurveyFixtures.definition();
        assertThat(definition.firstQuestion().id()).isEqualTo("attended");
        assertThat(definition.questionAfter("rating").id()).isEqualTo("wrong");
        assertThat(definition.questionAfter("comments")).isNull();
        assertThat(definition.positionOf("session")).isEqualTo(3);
    }

    @Test
    void refusesNoQuestions() {
        assertThatThrownBy(() -> withQuestions(List.of()))
                .isInstanceOf(DomainRuleViolation.class).hasMessage("a survey needs at least one question");
    }

    @Test
    void refusesDuplicateQuestionIds() {
        assertThatThrownBy(() -> withQuestions(List.of(Question.freeText("q1", "A?", true),
                Question.freeText("q1", "B?", true))))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("'q1' is used more than once");
    }

    @Test
    void refusesSkipToUnknownQuestion() {
        assertThatThrownBy(() -> withQuestions(List.of(
                Question.of("q1", "Ok?", QuestionType.YES_NO).withSkipRules(List.of(SkipRule.ifEquals("no", "q9"))),
                Question.freeText("q2", "Why?", true))))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("unknown question 'q9'");
    }

    @Test
    void refusesSkipBackwardsOrToItself() {
        List<Question> backwards = List.of(Question.freeText("q1", "Name?", true),
                Question.of("q2", "Ok?", QuestionType.YES_NO).withSkipRules(List.of(SkipRule.ifEquals("no", "q1"))));
        assertThatThrownBy(() -> withQuestions(backwards))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("may only jump forward");
        List<Question> itself = List.of(
                Question.of("q1", "Ok?", QuestionType.YES_NO).withSkipRules(List.of(SkipRule.ifEquals("no", "q1"))));
        assertThatThrownBy(() -> withQuestions(itself)).hasMessageContaining("may only jump forward");
    }

    @Test
    void refusesVersionBelowOneAndMissingTitleOrOrganization() {
        assertThatThrownBy(() -> new SurveyDefinition(SURVEY, 0, ORG, "T", null, null, SurveyFixtures.questions(), null))
                .hasMessage("survey version starts at 1, was 0");
        assertThatThrownBy(() -> new SurveyDefinition(SURVEY, 1, ORG, " ", null, null, SurveyFixtures.questions(), null))
                .isInstanceOf(DomainRuleViolation.class).hasMessage("title is required");
        assertThatThrownBy(() -> new SurveyDefinition(SURVEY, 1, null, "T", null, null, SurveyFixtures.questions(), null))
                .hasMessage("organization id is required");
    }

    @Test
    void choiceQuestionsNeedTwoOptionsWithUniqueIds() {
        assertThatThrownBy(() -> Question.choice("q", "Pick", QuestionType.SINGLE_CHOICE,
                List.of(new Option("a", "A"))))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("needs at least 2 options, has 1");
        assertThatThrownBy(() -> Question.choice("q", "Pick", QuestionType.MULTIPLE_CHOICE,
                List.of(new Option("a", "A"), new Option("A", "Another A"))))
                .hasMessageContaining("option id 'A' more than once");
        assertThatThrownBy(() -> new Question("q", "Pick", QuestionType.SINGLE_CHOICE, true, null, null, null, null))
                .hasMessageContaining("has 0");
    }

    @Test
    void optionsAndBoundsOnlyWhereTheyApply() {
        assertThatThrownBy(() -> new Question("q", "Ok?", QuestionType.YES_NO, true,
                List.of(new Option("a", "A"), new Option("b", "B")), null, null, null))
                .hasMessageContaining("options only apply to choice questions");
        assertThatThrownBy(() -> new Question("q", "Rate", QuestionType.RATING, true, null, 1, 10, null))
                .hasMessageContaining("min and max only apply to number questions");
        assertThatThrownBy(() -> new Question("q", "How many?", QuestionType.NUMBER, true, null, 10, 1, null))
                .hasMessageContaining("min 10 above max 1");
        assertThat(new Question("q", "How many?", QuestionType.NUMBER, true, null, 1, 10, null).max()).isEqualTo(10);
    }

    @Test
    void refusesMissingIdTextOrType() {
        assertThatThrownBy(() -> Question.freeText(" ", "Why?", true)).hasMessage("question id is required");
        assertThatThrownBy(() -> Question.freeText("q", "", true)).hasMessage("question text is required");
        assertThatThrownBy(() -> Question.of("q", "Why?", null)).hasMessageContaining("needs a type");
        assertThatThrownBy(() -> new Option("a", " ")).hasMessage("option label is required");
    }

    @Test
    void skipRulesMustFitTheQuestion() {
        assertThatThrownBy(() -> Question.freeText("q", "Why?", true)
                .withSkipRules(List.of(SkipRule.ifLessThan(3, SkipRule.END))))
                .hasMessageContaining("cannot have a LESS_THAN skip rule");
        assertThatThrownBy(() -> Question.choice("q", "Pick", QuestionType.SINGLE_CHOICE,
                        List.of(new Option("a", "A"), new Option("b", "B")))
                .withSkipRules(List.of(SkipRule.ifEquals("c", SkipRule.END))))
                .hasMessageContaining("unknown option 'c'");
        assertThatThrownBy(() -> Question.of("q", "Ok?", QuestionType.YES_NO)
                .withSkipRules(List.of(SkipRule.ifEquals("maybe", SkipRule.END))))
                .hasMessageContaining("must compare with yes or no");
        assertThatThrownBy(() -> new SkipRule(SkipRule.Condition.LESS_THAN, List.of("abc"), "q2"))
                .hasMessageContaining("needs a number");
        assertThatThrownBy(() -> new SkipRule(SkipRule.Condition.EQUALS, List.of("a", "b"), "q2"))
                .hasMessageContaining("exactly one value");
        assertThatThrownBy(() -> new SkipRule(SkipRule.Condition.ONE_OF, new ArrayList<>(), "q2"))
                .hasMessageContaining("needs the value(s)");
        assertThatThrownBy(() -> new SkipRule(null, List.of("a"), "q2")).hasMessageContaining("needs a condition");
        assertThatThrownBy(() -> SkipRule.ifEquals("a", " ")).hasMessage("skip rule target is required");
    }
}
