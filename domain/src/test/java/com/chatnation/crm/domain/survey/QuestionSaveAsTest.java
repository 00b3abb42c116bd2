package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuestionSaveAsTest {

    @Test
    void aQuestionMayNameTheAttributeItsAnswerIsKeptIn() {
        Question question = Question.freeText("q1", "Which city?", true).savedAs("home_city");
        assertThat(question.saveAs()).isEqualTo("home_city");
        assertThat(question.optional().saveAs()).as("kept by the other copies").isEqualTo("home_city");
        assertThat(Question.freeText("q1", "Which city?", true).saveAs()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "City", "home-city", "home city"})
    void theAttributeKeyMustBeOneAnAttributeCanHave(String key) {
        assertThatThrownBy(() -> Question.freeText("q1", "Which city?", true).savedAs(key))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("saveAs");
    }

    @Test
    void aKeyOf65CharactersIsRefused() {
        assertThatThrownBy(() -> Question.freeText("q1", "Which city?", true).savedAs("k".repeat(65)))
                .isInstanceOf(DomainRuleViolation.class);
    }

    @Test
    void mediaAnswersAreNotAttributes() {
        assertThatThrownBy(() -> Question.of("q1", "Send a photo", QuestionType.MEDIA).savedAs("photo"))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("media");
    }
}
