package com.chatnation.crm.domain.survey;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static com.chatnation.crm.domain.survey.SurveyRules.invalid;
import static com.chatnation.crm.domain.survey.SurveyRules.require;

/**
 * One published version of a survey. Responses carry the version they started on, so a definition is never
 * edited in place: every change is a new version.
 */
public record SurveyDefinition(String surveyId, int version, String organizationId, String title, String intro,
                               String thankYou, List<Question> questions, List<String> keywords) {

    public SurveyDefinition {
        require(surveyId, "survey id");
        require(organizationId, "organization id");
        require(title, "title");
        if (version < 1) {
            throw invalid("survey version starts at 1, was " + version);
        }
        if (questions == null || questions.isEmpty()) {
            throw invalid("a survey needs at least one question");
        }
        questions = List.copyOf(questions);
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            if (positions.put(questions.get(i).id(), i) != null) {
                throw invalid("question id '" + questions.get(i).id() + "' is used more than once");
            }
        }
        for (int i = 0; i < questions.size(); i++) {
            for (SkipRule rule : questions.get(i).skipRules()) {
                if (rule.endsSurvey()) {
                    continue;
                }
                Integer target = positions.get(rule.goTo());
                if (target == null) {
                    throw invalid("question '" + questions.get(i).id() + "' skips to unknown question '" + rule.goTo() + "'");
                }
                if (target <= i) {
                    throw invalid("question '" + questions.get(i).id() + "' skips back to '" + rule.goTo()
                            + "': skip rules may only jump forward");
                }
            }
        }
        keywords = normalize(keywords);
    }

    public Question firstQuestion() {
        return questions.get(0);
    }

    public Question question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst()
                .orElseThrow(() -> invalid("survey '" + surveyId + "' has no question '" + questionId + "'"));
    }

    public int positionOf(String questionId) {
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i).id().equals(questionId)) {
                return i;
            }
        }
        throw invalid("survey '" + surveyId + "' has no question '" + questionId + "'");
    }

    /** The question after this one in order, or null after the last. */
    public Question questionAfter(String questionId) {
        int next = positionOf(questionId) + 1;
        return next < questions.size() ? questions.get(next) : null;
    }

    private static List<String> normalize(List<String> keywords) {
        if (keywords == null) {
            return List.of();
        }
        Set<String> normalized = new LinkedHashSet<>();
        keywords.stream().filter(Objects::nonNull).map(k -> k.trim().toLowerCase(Locale.ROOT))
                .filter(k -> !k.isEmpty()).forEach(normalized::add);
        return List.copyOf(normalized);
    }
}
