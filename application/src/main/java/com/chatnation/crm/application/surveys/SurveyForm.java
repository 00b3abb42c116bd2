package com.chatnation.crm.application.surveys;

import com.chatnation.crm.domain.survey.Option;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionType;
import com.chatnation.crm.domain.survey.SkipRule;
import com.chatnation.crm.domain.survey.SurveyDefinition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The survey editor's form as the browser sends it back: every field as typed, so a refused form is shown again
 * exactly as the editor left it. Options are one per line ({@code id | label}, or a label alone, whose id is made
 * from it); skip rules are rows of condition, values (comma-separated) and target. Turning it into the domain's
 * types is {@link SurveyEditorPage}'s job, which is where the domain's refusals are caught and put by their field.
 */
final class SurveyForm {

    private String title = "";
    private String intro = "";
    private String thankYou = "";
    private String keywords = "";
    private List<QuestionForm> questions = new ArrayList<>();

    public SurveyForm() {
        // bound from the request
    }

    static SurveyForm blank() {
        SurveyForm form = new SurveyForm();
        form.addQuestion();
        return form;
    }

    static SurveyForm of(SurveyDefinition survey) {
        SurveyForm form = new SurveyForm();
        form.title = survey.title();
        form.intro = nullToEmpty(survey.intro());
        form.thankYou = nullToEmpty(survey.thankYou());
        form.keywords = String.join(", ", survey.keywords());
        for (Question question : survey.questions()) {
            form.questions.add(QuestionForm.of(question));
        }
        return form;
    }

    /** A new question row, with the next free id of the form {@code qN}. */
    void addQuestion() {
        int n = questions.size() + 1;
        while (hasQuestion("q" + n)) {
            n++;
        }
        QuestionForm question = new QuestionForm();
        question.setId("q" + n);
        questions.add(question);
    }

    void removeQuestion(int index) {
        if (index >= 0 && index < questions.size()) {
            questions.remove(index);
        }
    }

    void addRule(int index) {
        if (index >= 0 && index < questions.size()) {
            questions.get(index).getRules().add(new RuleForm());
        }
    }

    /** Every question shows at least one (blank) skip rule row to fill in. */
    SurveyForm withRuleRows() {
        for (QuestionForm question : questions) {
            if (question.getRules().isEmpty()) {
                question.getRules().add(new RuleForm());
            }
        }
        return this;
    }

    List<String> keywordList() {
        return Arrays.stream(keywords == null ? new String[0] : keywords.split(","))
                .map(String::strip).filter(keyword -> !keyword.isEmpty()).toList();
    }

    private boolean hasQuestion(String id) {
        return questions.stream().anyMatch(question -> id.equalsIgnoreCase(strip(question.getId())));
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getIntro() {
        return intro;
    }

    public void setIntro(String intro) {
        this.intro = intro;
    }

    public String getThankYou() {
        return thankYou;
    }

    public void setThankYou(String thankYou) {
        this.thankYou = thankYou;
    }

    public String getKeywords() {
        return keywords;
    }

    public void setKeywords(String keywords) {
        this.keywords = keywords;
    }

    public List<QuestionForm> getQuestions() {
        return questions;
    }

    public void setQuestions(List<QuestionForm> questions) {
        this.questions = questions == null ? new ArrayList<>() : questions;
    }

    /** One question row. */
    static final class QuestionForm {

        private String id = "";
        private String text = "";
        private String type = QuestionType.FREE_TEXT.name();
        private boolean required = true;
        private String options = "";
        private String min = "";
        private String max = "";
        private String saveAs = "";
        private List<RuleForm> rules = new ArrayList<>();

        public QuestionForm() {
            // bound from the request
        }

        static QuestionForm of(Question question) {
            QuestionForm form = new QuestionForm();
            form.id = question.id();
            form.text = question.text();
            form.type = question.type().name();
            form.required = question.required();
            form.options = question.options().stream()
                    .map(option -> option.id().equals(optionId(option.label())) ? option.label()
                            : option.id() + " | " + option.label())
                    .collect(Collectors.joining("\n"));
            form.min = question.min() == null ? "" : question.min().toString();
            form.max = question.max() == null ? "" : question.max().toString();
            form.saveAs = nullToEmpty(question.saveAs());
            for (SkipRule rule : question.skipRules()) {
                RuleForm row = new RuleForm();
                row.setCondition(rule.condition().name());
                row.setValues(String.join(", ", rule.values()));
                row.setGoTo(rule.goTo());
                form.rules.add(row);
            }
            return form;
        }

        /** The options as typed: one per line, {@code id | label} or a label alone. */
        List<Option> optionList() {
            List<Option> parsed = new ArrayList<>();
            for (String line : (options == null ? "" : options).split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int bar = line.indexOf('|');
                if (bar >= 0) {
                    parsed.add(new Option(line.substring(0, bar), line.substring(bar + 1)));
                } else {
                    parsed.add(new Option(optionId(line), line));
                }
            }
            return parsed;
        }

        /** An option's id made from its label: lowercase letters and digits, other runs as '_'. */
        static String optionId(String label) {
            String id = label.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_")
                    .replaceAll("^_+|_+$", "");
            return id.length() > 64 ? id.substring(0, 64) : id;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public boolean isRequired() {
            return required;
        }

        public void setRequired(boolean required) {
            this.required = required;
        }

        public String getOptions() {
            return options;
        }

        public void setOptions(String options) {
            this.options = options;
        }

        public String getMin() {
            return min;
        }

        public void setMin(String min) {
            this.min = min;
        }

        public String getMax() {
            return max;
        }

        public void setMax(String max) {
            this.max = max;
        }

        public String getSaveAs() {
            return saveAs;
        }

        public void setSaveAs(String saveAs) {
            this.saveAs = saveAs;
        }

        public List<RuleForm> getRules() {
            return rules;
        }

        public void setRules(List<RuleForm> rules) {
            this.rules = rules == null ? new ArrayList<>() : rules;
        }
    }

    /** One skip rule row; a row without a condition is left out. */
    static final class RuleForm {

        private String condition = "";
        private String values = "";
        private String goTo = "";

        public RuleForm() {
            // bound from the request
        }

        boolean blank() {
            return strip(condition).isEmpty() && strip(values).isEmpty() && strip(goTo).isEmpty();
        }

        List<String> valueList() {
            return Arrays.stream((values == null ? "" : values).split(",")).map(String::strip)
                    .filter(value -> !value.isEmpty()).toList();
        }

        public String getCondition() {
            return condition;
        }

        public void setCondition(String condition) {
            this.condition = condition;
        }

        public String getValues() {
            return values;
        }

        public void setValues(String values) {
            this.values = values;
        }

        public String getGoTo() {
            return goTo;
        }

        public void setGoTo(String goTo) {
            this.goTo = goTo;
        }
    }

    static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
