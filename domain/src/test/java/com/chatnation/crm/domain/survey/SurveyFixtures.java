package com.chatnation.crm.domain.survey;

import java.util.List;

/** One realistic survey used across the tests, with a skip rule that ends it and one that jumps forward. */
final class SurveyFixtures {

    static final String ORG = "org-1";
    static final String SURVEY = "survey-1";

    private SurveyFixtures() {
    }

    /** If they did not attend, end; if they rated above 3, skip "what went wrong". */
    static List<Question> questions() {
        return List.of(
                Question.of("attended", "Did you attend the event?", QuestionType.YES_NO)
                        .withSkipRules(List.of(SkipRule.ifEquals("no", SkipRule.END))),
                Question.of("rating", "How would you rate it?", QuestionType.RATING)
                        .withSkipRules(List.of(SkipRule.ifGreaterThan(3, "session"))),
                Question.freeText("wrong", "What went wrong?", true),
                Question.choice("session", "Which session did you like most?", QuestionType.SINGLE_CHOICE,
                        List.of(new Option("keynote", "Keynote"), new Option("panel", "Panel"),
                                new Option("workshop", "Workshop"))).optional(),
                Question.freeText("comments", "Anything else?", false));
    }

    static SurveyDefinition definition() {
        return definition(1);
    }

    static SurveyDefinition definition(int version) {
        return new SurveyDefinition(SURVEY, version, ORG, "Event feedback", "Thanks for coming! A few questions.",
                "Thank you for your feedback!", questions(), List.of("Feedback"));
    }

    static Question colours() {
        return Question.choice("colours", "Which colours do you like?", QuestionType.MULTIPLE_CHOICE,
                List.of(new Option("red", "Red"), new Option("green", "Green"), new Option("blue", "Blue"),
                        new Option("sky", "Sky blue")));
    }
}
