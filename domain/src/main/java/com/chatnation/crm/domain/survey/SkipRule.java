package com.chatnation.crm.domain.survey;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import static com.chatnation.crm.domain.survey.SurveyRules.invalid;
import static com.chatnation.crm.domain.survey.SurveyRules.require;

/**
 * Branching: when the answer to the question holding this rule meets the condition, the survey continues at
 * {@code goTo} (a later question id) or ends ({@link #END}). Rules only ever jump forward, so a response can
 * never loop.
 *
 * <p>{@code values} are compared with an answer's option ids for choice questions, {@code yes}/{@code no} for
 * yes/no questions, numerically for rating, NPS and number questions, and case-insensitively with free text.
 */
public record SkipRule(Condition condition, List<String> values, String goTo) {

    public static final String END = "END";

    public enum Condition {
        EQUALS,
        ONE_OF,
        LESS_THAN,
        GREATER_THAN
    }

    public SkipRule {
        if (condition == null) {
            throw invalid("a skip rule needs a condition");
        }
        if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw invalid("a skip rule needs the value(s) to compare with");
        }
        values = values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
        if (condition != Condition.ONE_OF && values.size() != 1) {
            throw invalid("a " + condition + " skip rule compares with exactly one value");
        }
        if (condition == Condition.LESS_THAN || condition == Condition.GREATER_THAN) {
            requireNumber(values.get(0));
        }
        require(goTo, "skip rule target");
        goTo = goTo.trim();
    }

    public static SkipRule ifEquals(String value, String goTo) {
        return new SkipRule(Condition.EQUALS, List.of(value), goTo);
    }

    public static SkipRule ifOneOf(List<String> values, String goTo) {
        return new SkipRule(Condition.ONE_OF, values, goTo);
    }

    public static SkipRule ifLessThan(int value, String goTo) {
        return new SkipRule(Condition.LESS_THAN, List.of(Integer.toString(value)), goTo);
    }

    public static SkipRule ifGreaterThan(int value, String goTo) {
        return new SkipRule(Condition.GREATER_THAN, List.of(Integer.toString(value)), goTo);
    }

    public boolean endsSurvey() {
        return END.equals(goTo);
    }

    public boolean matches(AnswerValue answer) {
        if (answer == null) {
            return false;
        }
        return switch (condition) {
            case EQUALS, ONE_OF -> values.stream().anyMatch(value -> equalsAnswer(value, answer));
            case LESS_THAN -> answer.number() != null && answer.number().compareTo(new BigDecimal(values.get(0))) < 0;
            case GREATER_THAN -> answer.number() != null && answer.number().compareTo(new BigDecimal(values.get(0))) > 0;
        };
    }

    private static boolean equalsAnswer(String value, AnswerValue answer) {
        if (answer.number() != null) {
            return isNumber(value) && answer.number().compareTo(new BigDecimal(value)) == 0;
        }
        if (answer.flag() != null) {
            return value.equals(answer.flag() ? "yes" : "no");
        }
        if (answer.choices() != null) {
            // For a multiple choice, "equals b" means "b was among the picks".
            return answer.choices().stream().anyMatch(option -> option.id().equalsIgnoreCase(value));
        }
        return answer.text() != null && answer.text().trim().equalsIgnoreCase(value);
    }

    private static void requireNumber(String value) {
        if (!isNumber(value)) {
            throw invalid("a numeric skip rule needs a number, got '" + value + "'");
        }
    }

    private static boolean isNumber(String value) {
        return value.matches("-?\\d+(\\.\\d+)?");
    }
}
