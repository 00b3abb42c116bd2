package com.chatnation.crm.domain.survey;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static com.chatnation.crm.domain.survey.SurveyRules.invalid;
import static com.chatnation.crm.domain.survey.SurveyRules.require;

/**
 * One question of a survey. {@code options} only apply to choice questions and {@code min}/{@code max} only to
 * number questions; rating and NPS have fixed scales. {@code saveAs}, when set, names the contact attribute the
 * answer is also kept in (lowercase letters, digits and '_', at most 64).
 */
public record Question(String id, String text, QuestionType type, boolean required, List<Option> options,
                       Integer min, Integer max, List<SkipRule> skipRules, String saveAs) {

    private static final java.util.regex.Pattern ATTRIBUTE_KEY = java.util.regex.Pattern.compile("[a-z0-9_]{1,64}");

    public Question(String id, String text, QuestionType type, boolean required, List<Option> options,
                    Integer min, Integer max, List<SkipRule> skipRules) {
        this(id, text, type, required, options, min, max, skipRules, null);
    }

    public Question {
        if (saveAs != null && !ATTRIBUTE_KEY.matcher(saveAs).matches()) {
            throw invalid("question '" + id + "' saveAs '" + saveAs + "' must be 1 to 64 lowercase letters, digits or '_'");
        }
        if (saveAs != null && type == QuestionType.MEDIA) {
            throw invalid("media question '" + id + "' cannot be saved as an attribute");
        }
        require(id, "question id");
        require(text, "question text");
        id = id.trim();
        if (type == null) {
            throw invalid("question '" + id + "' needs a type");
        }
        options = options == null ? List.of() : List.copyOf(options);
        skipRules = skipRules == null ? List.of() : List.copyOf(skipRules);
        if (type.takesOptions()) {
            if (options.size() < 2) {
                throw invalid("choice question '" + id + "' needs at least 2 options, has " + options.size());
            }
            Set<String> ids = new HashSet<>();
            for (Option option : options) {
                if (!ids.add(option.id().toLowerCase(Locale.ROOT))) {
                    throw invalid("choice question '" + id + "' has option id '" + option.id() + "' more than once");
                }
            }
        } else if (!options.isEmpty()) {
            throw invalid("question '" + id + "' is " + type + ": options only apply to choice questions");
        }
        if (type != QuestionType.NUMBER && (min != null || max != null)) {
            throw invalid("question '" + id + "' is " + type + ": min and max only apply to number questions");
        }
        if (min != null && max != null && min > max) {
            throw invalid("question '" + id + "' has min " + min + " above max " + max);
        }
        for (SkipRule rule : skipRules) {
            checkRuleFits(id, type, options, rule);
        }
    }

    public static Question freeText(String id, String text, boolean required) {
        return new Question(id, text, QuestionType.FREE_TEXT, required, null, null, null, null);
    }

    public static Question of(String id, String text, QuestionType type) {
        return new Question(id, text, type, true, null, null, null, null);
    }

    public static Question choice(String id, String text, QuestionType type, List<Option> options) {
        return new Question(id, text, type, true, options, null, null, null);
    }

    public Question withSkipRules(List<SkipRule> rules) {
        return new Question(id, text, type, required, options, min, max, rules, saveAs);
    }

    public Question optional() {
        return new Question(id, text, type, false, options, min, max, skipRules, saveAs);
    }

    public Question savedAs(String attributeKey) {
        return new Question(id, text, type, required, options, min, max, skipRules, attributeKey);
    }

    /** Option by id, ignoring case; null when there is none. */
    public Option option(String optionId) {
        return options.stream().filter(o -> o.id().equalsIgnoreCase(optionId.trim())).findFirst().orElse(null);
    }

    private static void checkRuleFits(String id, QuestionType type, List<Option> options, SkipRule rule) {
        boolean numericRule = rule.condition() == SkipRule.Condition.LESS_THAN
                || rule.condition() == SkipRule.Condition.GREATER_THAN;
        if (numericRule && !type.numeric()) {
            throw invalid("question '" + id + "' is " + type + ": it cannot have a " + rule.condition() + " skip rule");
        }
        // A rule naming a value the question can never produce is a typo that would silently never fire.
        for (String value : rule.values()) {
            if (type.takesOptions() && options.stream().noneMatch(o -> o.id().equalsIgnoreCase(value))) {
                throw invalid("skip rule of question '" + id + "' names unknown option '" + value + "'");
            }
            if (type == QuestionType.YES_NO && !value.equals("yes") && !value.equals("no")) {
                throw invalid("skip rule of yes/no question '" + id + "' must compare with yes or no, not '" + value + "'");
            }
            if (type == QuestionType.MEDIA) {
                throw invalid("media question '" + id + "' cannot have skip rules");
            }
        }
    }
}
