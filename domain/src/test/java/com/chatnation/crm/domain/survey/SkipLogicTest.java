package com.chatnation.crm.domain.survey;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SkipLogicTest {

    private final SurveyDefinition survey = SurveyFixtures.definition();

    @Test
    void withoutAMatchingRuleGoesToTheNextQuestion() {
        NextQuestion next = SkipLogic.after(survey, "attended", AnswerValue.flag(true));
        assertThat(next.questionId()).isEqualTo("rating");
        assertThat(next.jumpedOver()).isEmpty();
        assertThat(next.endsSurvey()).isFalse();
    }

    @Test
    void aMatchingRuleJumpsForwardListingTheQuestionsPassedBy() {
        NextQuestion next = SkipLogic.after(survey, "rating", AnswerValue.number(4));
        assertThat(next.questionId()).isEqualTo("session");
        assertThat(next.jumpedOver()).containsExactly("wrong");
    }

    @Test
    void aNumericRuleThatDoesNotMatchContinuesInOrder() {
        assertThat(SkipLogic.after(survey, "rating", AnswerValue.number(3)).questionId()).isEqualTo("wrong");
    }

    @Test
    void anEndRuleEndsTheSurveyAndPassesByEverythingLeft() {
        NextQuestion next = SkipLogic.after(survey, "attended", AnswerValue.flag(false));
        assertThat(next.endsSurvey()).isTrue();
        assertThat(next.jumpedOver()).containsExactly("rating", "wrong", "session", "comments");
    }

    @Test
    void theLastQuestionEndsTheSurvey() {
        NextQuestion next = SkipLogic.after(survey, "comments", AnswerValue.text("no"));
        assertThat(next.endsSurvey()).isTrue();
        assertThat(next.jumpedOver()).isEmpty();
    }

    @Test
    void aSkippedQuestionHasNoAnswerForRulesSoContinuesInOrder() {
        assertThat(SkipLogic.after(survey, "attended", null).questionId()).isEqualTo("rating");
    }

    @Test
    void theFirstMatchingRuleWins() {
        SurveyDefinition definition = new SurveyDefinition("s", 1, "o", "T", null, null, List.of(
                Question.of("score", "Score?", QuestionType.NPS).withSkipRules(List.of(
                        SkipRule.ifLessThan(7, "detractor"),
                        SkipRule.ifOneOf(List.of("5", "6", "9", "10"), SkipRule.END))),
                Question.freeText("passive", "What would make it a 10?", true),
                Question.freeText("detractor", "What went wrong?", true)), null);
        assertThat(SkipLogic.after(definition, "score", AnswerValue.number(5)).questionId()).isEqualTo("detractor");
        assertThat(SkipLogic.after(definition, "score", AnswerValue.number(9)).endsSurvey()).isTrue();
        assertThat(SkipLogic.after(definition, "score", AnswerValue.number(8)).questionId()).isEqualTo("passive");
    }

    @Test
    void choiceRulesMatchPickedOptionIdsAndTextRulesIgnoreCase() {
        Question colours = SurveyFixtures.colours().withSkipRules(List.of(SkipRule.ifEquals("blue", "why")));
        SurveyDefinition definition = new SurveyDefinition("s", 1, "o", "T", null, null, List.of(
                colours, Question.freeText("other", "Other?", true), Question.freeText("why", "Why blue?", true)), null);
        NextQuestion next = SkipLogic.after(definition, "colours",
                AnswerValue.choices(List.of(new Option("red", "Red"), new Option("blue", "Blue"))));
        assertThat(next.questionId()).isEqualTo("why");
        assertThat(SkipLogic.after(definition, "colours", AnswerValue.choices(List.of(new Option("red", "Red"))))
                .questionId()).isEqualTo("other");
        assertThat(SkipRule.ifEquals("None", "x").matches(AnswerValue.text(" none "))).isTrue();
        assertThat(SkipRule.ifEquals("none", "x").matches(AnswerValue.text("nothing"))).isFalse();
    }
}
