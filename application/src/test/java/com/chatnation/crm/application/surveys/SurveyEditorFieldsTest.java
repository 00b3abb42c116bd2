package com.chatnation.crm.application.surveys;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.survey.Option;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionType;
import com.chatnation.crm.domain.survey.SkipRule;
import com.chatnation.crm.domain.survey.SurveyDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each of the domain's refusals of a survey lands by the field of the editor it concerns: the refusals are the
 * domain's own, thrown by its constructors, so a reworded rule that no longer maps shows up here.
 */
class SurveyEditorFieldsTest {

    private static final List<Option> OPTIONS = List.of(new Option("a", "A"), new Option("b", "B"));

    @Test
    void aQuestionsRefusalsNameTheirField() {
        assertThat(questionField(() -> new Question(" ", "Text", QuestionType.YES_NO, true, null, null, null, null)))
                .isEqualTo("id");
        assertThat(questionField(() -> new Question("q1", "", QuestionType.YES_NO, true, null, null, null, null)))
                .isEqualTo("text");
        assertThat(questionField(() -> new Question("q1", "Text", null, true, null, null, null, null)))
                .isEqualTo("type");
        assertThat(questionField(() -> new Question("q1", "Text", QuestionType.SINGLE_CHOICE, true, List.of(), null,
                null, null))).isEqualTo("options");
        assertThat(questionField(() -> new Question("q1", "Text", QuestionType.MULTIPLE_CHOICE, true,
                List.of(new Option("a", "A"), new Option("A", "again")), null, null, null))).isEqualTo("options");
        assertThat(questionField(() -> new Question("q1", "Text", QuestionType.RATING, true, OPTIONS, null, null,
                null))).isEqualTo("options");
        assertThat(questionField(() -> new Option("a", " "))).isEqualTo("options");
        assertThat(questionField(() -> new Question("q1", "Text", QuestionType.NUMBER, true, null, 9, 3, null)))
                .isEqualTo("max");
        assertThat(questionField(() -> new Question("q1", "Text", QuestionType.RATING, true, null, 1, null, null)))
                .isEqualTo("min");
        assertThat(questionField(() -> new Question("q1", "Text", QuestionType.FREE_TEXT, true, null, null, null,
                null, "Not A Key"))).isEqualTo("saveAs");
        assertThat(questionField(() -> new Question("q1", "Text", QuestionType.MEDIA, true, null, null, null,
                null, "photo"))).isEqualTo("saveAs");
        assertThat(questionField(() -> new Question("q1", "Text", QuestionType.SINGLE_CHOICE, true, OPTIONS, null,
                null, List.of(SkipRule.ifEquals("c", "q3"))))).isEqualTo("rules");
        assertThat(questionField(() -> new Question("q1", "Text", QuestionType.YES_NO, true, null, null, null,
                List.of(SkipRule.ifLessThan(3, "q3"))))).isEqualTo("rules");
        assertThat(questionField(() -> new SkipRule(SkipRule.Condition.EQUALS, List.of("a", "b"), "q2")))
                .isEqualTo("rules");
        assertThat(questionField(() -> new SkipRule(null, List.of("a"), "q2"))).isEqualTo("rules");
        assertThat(questionField(() -> new SkipRule(SkipRule.Condition.EQUALS, List.of("a"), " "))).isEqualTo("rules");
    }

    @Test
    void aSurveysRefusalsNameTheRowTheyConcern() {
        SurveyForm form = form("q1", "q2", "q1");
        Question first = Question.of("q1", "One", QuestionType.YES_NO);
        Question second = Question.of("q2", "Two", QuestionType.YES_NO);
        assertThat(surveyField(form, () -> definition("Title", List.of(first, second, first))))
                .isEqualTo("questions[2].id");
        assertThat(surveyField(form, () -> definition("Title", List.of(first,
                second.withSkipRules(List.of(SkipRule.ifEquals("no", "q1")))))))
                .isEqualTo("questions[1].rules");
        assertThat(surveyField(form, () -> definition("Title", List.of(
                first.withSkipRules(List.of(SkipRule.ifEquals("no", "q9"))), second))))
                .isEqualTo("questions[0].rules");
        assertThat(surveyField(form, () -> definition(" ", List.of(first)))).isEqualTo("title");
        assertThat(surveyField(form, () -> definition("Title", List.of()))).isEqualTo("questions");
        assertThat(SurveyEditorPage.surveyField(new DomainRuleViolation("survey_archived", "survey 's' is archived"),
                form)).isEqualTo(SurveyEditorPage.FORM);
    }

    @Test
    void optionsAreReadOnePerLineWithOrWithoutTheirIds() {
        SurveyForm.QuestionForm question = new SurveyForm.QuestionForm();
        question.setOptions("Music\r\n\r\nvenue | The venue\n  Good Food! ");
        assertThat(question.optionList()).containsExactly(new Option("music", "Music"),
                new Option("venue", "The venue"), new Option("good_food", "Good Food!"));
        Question written = new Question("q1", "Text", QuestionType.SINGLE_CHOICE, true, question.optionList(), null,
                null, null);
        assertThat(SurveyForm.QuestionForm.of(written).getOptions()).isEqualTo("Music\nvenue | The venue\nGood Food!");
    }

    private static String questionField(Executable refused) {
        return SurveyEditorPage.questionField(refusal(refused));
    }

    private static String surveyField(SurveyForm form, Executable refused) {
        return SurveyEditorPage.surveyField(refusal(refused), form);
    }

    private static DomainRuleViolation refusal(Executable refused) {
        DomainRuleViolation violation = catchThrowableOfType(DomainRuleViolation.class, refused::execute);
        assertThat(violation).as("the domain refuses it").isNotNull();
        return violation;
    }

    private static SurveyDefinition definition(String title, List<Question> questions) {
        return new SurveyDefinition("s", 1, "o", title, null, null, questions, List.of());
    }

    private static SurveyForm form(String... ids) {
        SurveyForm form = new SurveyForm();
        for (String id : ids) {
            SurveyForm.QuestionForm question = new SurveyForm.QuestionForm();
            question.setId(id);
            form.getQuestions().add(question);
        }
        return form;
    }
}
