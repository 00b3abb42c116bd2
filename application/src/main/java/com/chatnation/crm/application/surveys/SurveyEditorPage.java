package com.chatnation.crm.application.surveys;

import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.surveys.SurveyForm.QuestionForm;
import com.chatnation.crm.application.surveys.SurveyForm.RuleForm;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.survey.ArchiveSurvey;
import com.chatnation.crm.domain.survey.Option;
import com.chatnation.crm.domain.survey.PublishSurvey;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionType;
import com.chatnation.crm.domain.survey.ReviseSurvey;
import com.chatnation.crm.domain.survey.SkipRule;
import com.chatnation.crm.domain.survey.SurveyDefinition;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creating and editing a survey in the dashboard: the same commands, keyword check and limits as the API
 * ({@link SurveyAdminController}, {@link SurveyRequest}), and the domain's own rules. Nothing is checked here that
 * the domain does not check: its refusals are caught where the form's rows become {@link Question}s and the
 * survey's {@link SurveyDefinition}, and shown next to the field they concern, with everything the editor typed.
 * Rows are added and removed by plain form buttons, so the page needs no script.
 */
@DashboardPage
class SurveyEditorPage {

    /** Which question a survey-level refusal names: "question 'q2' skips …", "question id 'q2' is used …". */
    private static final Pattern NAMED_QUESTION = Pattern.compile("question(?: id)? '([^']*)'");
    /** Key of refusals that concern the whole form rather than one field. */
    static final String FORM = "form";

    private final CommandGateway commands;
    private final JdbcSurveyCatalog catalog;
    private final Validator validator;
    private final MessageSource messages;

    SurveyEditorPage(CommandGateway commands, JdbcSurveyCatalog catalog, Validator validator, MessageSource messages) {
        this.commands = commands;
        this.catalog = catalog;
        this.validator = validator;
        this.messages = messages;
    }

    @GetMapping("/app/surveys/new")
    String create(Model model) {
        return form(model, null, SurveyForm.blank(), Map.of());
    }

    @PostMapping("/app/surveys/new")
    String create(@AuthenticationPrincipal CrmPrincipal caller, @ModelAttribute("form") SurveyForm form,
                  BindingResult unreadable, @RequestParam(required = false) String action,
                  @RequestParam(required = false) String remove, @RequestParam(required = false) String addRule,
                  Model model, HttpServletResponse response) {
        return submit(caller, null, form, action, row(remove), row(addRule), model, response);
    }

    @GetMapping("/app/surveys/{surveyId}/edit")
    String edit(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String surveyId,
                @RequestParam(required = false) String published, Model model) {
        SurveyDefinition survey = openSurvey(caller, surveyId);
        model.addAttribute("published", row(published));
        return form(model, survey, SurveyForm.of(survey), Map.of());
    }

    @PostMapping("/app/surveys/{surveyId}/edit")
    String edit(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String surveyId,
                @ModelAttribute("form") SurveyForm form, BindingResult unreadable,
                @RequestParam(required = false) String action,
                @RequestParam(required = false) String remove, @RequestParam(required = false) String addRule,
                Model model, HttpServletResponse response) {
        SurveyDefinition survey = openSurvey(caller, surveyId);
        return submit(caller, survey, form, action, row(remove), row(addRule), model, response);
    }

    @PostMapping("/app/surveys/{surveyId}/archive")
    String archive(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String surveyId) {
        openSurvey(caller, surveyId);
        commands.sendAndWait(new ArchiveSurvey(surveyId));
        return "redirect:/app/surveys/" + surveyId + "?archived";
    }

    /** Adds or removes a row (the form comes back as typed), or publishes when every rule holds. */
    private String submit(CrmPrincipal caller, SurveyDefinition survey, SurveyForm form, String action, Integer remove,
                          Integer addRule, Model model, HttpServletResponse response) {
        if (remove != null) {
            form.removeQuestion(remove);
            return form(model, survey, form, Map.of());
        }
        if (addRule != null) {
            form.addRule(addRule);
            return form(model, survey, form, Map.of());
        }
        if ("add-question".equals(action)) {
            form.addQuestion();
            return form(model, survey, form, Map.of());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<Question> questions = questions(form, errors);
        SurveyRequest request = new SurveyRequest(form.getTitle(), emptyToNull(lines(form.getIntro())),
                emptyToNull(lines(form.getThankYou())), questions, form.keywordList());
        for (ConstraintViolation<SurveyRequest> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().iterator().next().getName();
            if (!field.equals("questions") || errors.isEmpty()) {
                errors.putIfAbsent(field, violation.getMessage());
            }
        }
        String organization = caller.organizationId();
        if (errors.isEmpty()) {
            try {
                // the definition the command will publish, so the domain's survey-wide rules speak now
                new SurveyDefinition(survey == null ? "new" : survey.surveyId(), 1, organization, request.title(),
                        request.intro(), request.thankYou(), questions, request.normalizedKeywords());
            } catch (DomainRuleViolation refused) {
                errors.put(surveyField(refused, form), refused.getMessage());
            }
        }
        if (errors.isEmpty()) {
            List<String> taken = catalog.keywordsTaken(organization, request.normalizedKeywords(),
                    survey == null ? null : survey.surveyId());
            if (!taken.isEmpty()) {
                errors.put("keywords", text("surveys.form.keywordsTaken", String.join(", ", taken)));
            }
        }
        if (errors.isEmpty()) {
            try {
                if (survey == null) {
                    String surveyId = UUID.randomUUID().toString();
                    commands.sendAndWait(new PublishSurvey(surveyId, organization, request.title(), request.intro(),
                            request.thankYou(), questions, request.normalizedKeywords()));
                    return "redirect:/app/surveys/" + surveyId + "/edit?published=1";
                }
                int version = commands.sendAndWait(new ReviseSurvey(survey.surveyId(), request.title(),
                        request.intro(), request.thankYou(), questions, request.normalizedKeywords()));
                return "redirect:/app/surveys/" + survey.surveyId() + "/edit?published=" + version;
            } catch (RuntimeException failure) {
                DomainRuleViolation refused = violation(failure);
                if (refused == null) {
                    throw failure;
                }
                errors.put(surveyField(refused, form), refused.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(model, survey, form, errors);
    }

    /** The form's questions as the domain's, each refusal kept under its row's field. */
    private List<Question> questions(SurveyForm form, Map<String, String> errors) {
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < form.getQuestions().size(); i++) {
            Question question = question(form.getQuestions().get(i), "questions[" + i + "].", errors);
            if (question != null) {
                questions.add(question);
            }
        }
        return questions;
    }

    private Question question(QuestionForm row, String prefix, Map<String, String> errors) {
        int before = errors.size();
        QuestionType type = null;
        try {
            type = QuestionType.valueOf(SurveyForm.strip(row.getType()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            errors.put(prefix + "type", text("surveys.form.unknownType"));
        }
        List<Option> options = List.of();
        try {
            options = row.optionList();
        } catch (DomainRuleViolation refused) {
            errors.put(prefix + "options", refused.getMessage());
        }
        Integer min = whole(row.getMin(), prefix + "min", errors);
        Integer max = whole(row.getMax(), prefix + "max", errors);
        List<SkipRule> rules = new ArrayList<>();
        for (RuleForm rule : row.getRules()) {
            if (rule.blank()) {
                continue;
            }
            try {
                rules.add(new SkipRule(condition(rule.getCondition()), rule.valueList(), rule.getGoTo()));
            } catch (DomainRuleViolation refused) {
                errors.putIfAbsent(prefix + "rules", refused.getMessage());
            }
        }
        if (errors.size() > before) {
            return null;
        }
        try {
            return new Question(row.getId(), row.getText(), type, row.isRequired(), options, min, max, rules,
                    emptyToNull(SurveyForm.strip(row.getSaveAs())));
        } catch (DomainRuleViolation refused) {
            errors.put(prefix + questionField(refused), refused.getMessage());
            return null;
        }
    }

    /** Which field of a question row a refusal of {@link Question} or its parts concerns. */
    static String questionField(DomainRuleViolation refused) {
        String code = refused.code();
        String message = refused.getMessage();
        if (code.equals("missing_question_id")) {
            return "id";
        }
        if (code.equals("missing_question_text")) {
            return "text";
        }
        if (code.startsWith("missing_skip_rule") || message.contains("skip rule")) {
            return "rules";
        }
        if (code.startsWith("missing_option") || message.contains("option")) {
            return "options";
        }
        if (message.contains("saveAs") || message.contains("saved as an attribute")) {
            return "saveAs";
        }
        if (message.contains("needs a type")) {
            return "type";
        }
        if (message.contains("above max")) {
            return "max";
        }
        if (message.contains("min and max")) {
            return "min";
        }
        return "text";
    }

    /** Which field a refusal of the whole survey concerns; {@link #FORM} when none in particular. */
    static String surveyField(DomainRuleViolation refused, SurveyForm form) {
        String message = refused.getMessage();
        if (refused.code().equals("missing_title")) {
            return "title";
        }
        if (message.contains("at least one question")) {
            return "questions";
        }
        Matcher named = NAMED_QUESTION.matcher(message);
        if (named.find()) {
            String id = named.group(1);
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < form.getQuestions().size(); i++) {
                if (id.equals(SurveyForm.strip(form.getQuestions().get(i).getId()))) {
                    rows.add(i);
                }
            }
            if (!rows.isEmpty()) {
                // a repeated id is the later row's mistake; a skip rule's is the row holding it
                boolean repeated = message.contains("more than once");
                int row = repeated ? rows.get(rows.size() - 1) : rows.get(0);
                return "questions[" + row + "]." + (repeated ? "id" : "rules");
            }
        }
        return FORM;
    }

    private static SkipRule.Condition condition(String value) {
        String name = SurveyForm.strip(value).toUpperCase(Locale.ROOT);
        // an unknown condition is refused by the rule itself, as one missing is
        return Arrays.stream(SkipRule.Condition.values()).filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private Integer whole(String value, String field, Map<String, String> errors) {
        String text = SurveyForm.strip(value);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException notWhole) {
            errors.put(field, text("surveys.form.notWhole", text));
            return null;
        }
    }

    /** A row number from a button, or null when there is none (or it is not one). */
    private static Integer row(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static DomainRuleViolation violation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainRuleViolation refused) {
                return refused;
            }
        }
        return null;
    }

    private SurveyDefinition openSurvey(CrmPrincipal caller, String surveyId) {
        return catalog.survey(caller.organizationId(), surveyId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String form(Model model, SurveyDefinition survey, SurveyForm form, Map<String, String> errors) {
        model.addAttribute("survey", survey);
        model.addAttribute("form", form.withRuleRows());
        model.addAttribute("errors", errors);
        model.addAttribute("types", QuestionType.values());
        model.addAttribute("conditions", SkipRule.Condition.values());
        model.addAttribute("targets", form.getQuestions().stream().map(QuestionForm::getId)
                .map(SurveyForm::strip).filter(id -> !id.isEmpty()).toList());
        return "surveys/edit";
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    /** A textarea's text with its line breaks as WhatsApp writes them ({@code \n}, not the form's CR LF). */
    private static String lines(String value) {
        return value == null ? null : value.replaceAll("\\R", "\n");
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
