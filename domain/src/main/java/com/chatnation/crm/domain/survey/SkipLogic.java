package com.chatnation.crm.domain.survey;

import java.util.List;

/** Decides the next question after an answer: the first matching skip rule wins, otherwise the next in order. */
public final class SkipLogic {

    private SkipLogic() {
    }

    /**
     * @param answer the accepted answer, or null when the question was skipped; a skipped question has no
     *               answer for a rule to look at, so it always continues in order
     */
    public static NextQuestion after(SurveyDefinition definition, String questionId, AnswerValue answer) {
        Question current = definition.question(questionId);
        int position = definition.positionOf(questionId);
        List<Question> questions = definition.questions();
        for (SkipRule rule : current.skipRules()) {
            if (rule.matches(answer)) {
                int target = rule.endsSurvey() ? questions.size() : definition.positionOf(rule.goTo());
                List<String> jumped = questions.subList(position + 1, target).stream().map(Question::id).toList();
                return new NextQuestion(rule.endsSurvey() ? null : rule.goTo(), jumped);
            }
        }
        Question next = definition.questionAfter(questionId);
        return new NextQuestion(next == null ? null : next.id(), List.of());
    }
}
