package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.projections.analytics.StepSetDefinition;
import com.chatnation.crm.projections.analytics.StepSetTemplates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Step sets on the dashboard: the organization's sets with their steps, each rule in words, and each backfill's
 * progress (refreshed by htmx while one runs); a form that adds a set from a template and one that defines or edits a
 * set as JSON. Saving and deleting go through {@link StepSetDefinitions} as the API's {@code PUT}/{@code DELETE
 * step-sets/{key}} do, so a refusal is the API's own, shown by its JSON path next to the form, the text kept.
 */
@DashboardPage
class StepSetPage {

    /** How often the list asks for itself again while a backfill runs. */
    private static final String REFRESH = "every 2s";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final CsvDownload<StepLine> STEPS = CsvDownload.of(
            List.of("set", "set_name", "template", "version", "position", "step", "name", "funnel_step", "rules"),
            List.<Function<StepLine, Object>>of(line -> line.set().key(), line -> line.set().name(),
                    line -> line.set().template(), line -> line.set().version(), StepLine::position,
                    line -> line.step().key(), line -> line.step().name(), line -> line.step().funnelStep(),
                    line -> String.join(" | ", line.step().rules())));

    /** One step of a set as the page lists it: its rules in words, one per rule (any of them reaches the step). */
    record StepRow(String key, String name, String funnelStep, List<String> rules) {
    }

    /** One set as the page lists it. */
    record SetRow(StepSetViews.StepSetView set, List<StepRow> steps) {

        boolean running() {
            return set.backfill() != null && set.backfill().running();
        }
    }

    private record StepLine(StepSetViews.StepSetView set, int position, StepRow step) {
    }

    /** The add-from-a-template form as typed. */
    record TemplateForm(String key, String template, String nameQuestionId) {

        static TemplateForm blank() {
            return new TemplateForm("", StepSetTemplates.ELEVATE, "");
        }
    }

    /** The define-as-JSON form as typed. */
    record JsonForm(String key, String definition) {

        static JsonForm blank() {
            return new JsonForm("", "");
        }
    }

    /**
     * A refusal by the form it concerns ({@code template} or {@code json}) and the field as the API names it: a JSON
     * path such as {@code steps[0].events[0].type}, or {@code key}.
     */
    record FormError(String form, String field, String message) {
    }

    private final StepSetDefinitions definitions;
    private final StepSetViews views;
    private final MessageSource messages;

    StepSetPage(StepSetDefinitions definitions, StepSetViews views, MessageSource messages) {
        this.definitions = definitions;
        this.views = views;
        this.messages = messages;
    }

    @GetMapping("/app/step-sets")
    String stepSets(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String edit,
                    @RequestParam(required = false) String format, @RequestParam(required = false) String saved,
                    @RequestParam(required = false) String deleted, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        List<SetRow> sets = rows(organization);
        if ("csv".equals(format)) {
            List<StepLine> lines = new ArrayList<>();
            sets.forEach(row -> {
                for (int i = 0; i < row.steps().size(); i++) {
                    lines.add(new StepLine(row.set(), i + 1, row.steps().get(i)));
                }
            });
            STEPS.write(response, "step-sets.csv", lines);
            return null;
        }
        model.addAttribute("saved", saved);
        model.addAttribute("deleted", deleted != null);
        JsonForm json = edit == null ? JsonForm.blank() : definitions.find(organization, edit)
                .map(stored -> new JsonForm(stored.definition().key(), pretty(stored.definition().toJson())))
                .orElse(JsonForm.blank());
        return page(model, sets, TemplateForm.blank(), json, null);
    }

    /** The list alone, as its htmx refresh asks for it while a backfill runs. */
    @GetMapping("/app/step-sets/progress")
    String progress(@AuthenticationPrincipal CrmPrincipal caller, Model model) {
        list(model, rows(caller.organizationId()));
        return "analytics/step-set-list :: sets";
    }

    @PostMapping("/app/step-sets/templates")
    String fromTemplate(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String key,
                        @RequestParam(required = false) String template,
                        @RequestParam(required = false) String nameQuestionId, Model model,
                        HttpServletResponse response) {
        TemplateForm form = new TemplateForm(strip(key), strip(template), strip(nameQuestionId));
        ObjectNode request = JSON.createObjectNode().put("template", form.template());
        if (!form.nameQuestionId().isEmpty()) {
            request.put(StepSetTemplates.NAME_QUESTION_OPTION, form.nameQuestionId());
        }
        return save(caller.organizationId(), form.key(), request, "template", response,
                error -> page(model, rows(caller.organizationId()), form, JsonForm.blank(), error));
    }

    @PostMapping("/app/step-sets")
    String define(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String key,
                  @RequestParam(required = false) String definition, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        JsonForm form = new JsonForm(strip(key), definition == null ? "" : definition);
        JsonNode body;
        try {
            body = form.definition().isBlank() ? null : JSON.readTree(form.definition());
        } catch (JsonProcessingException unreadable) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, rows(organization), TemplateForm.blank(), form, new FormError("json", "body",
                    text("stepSets.error.notJson", unreadable.getOriginalMessage())));
        }
        return save(organization, form.key(), body, "json", response,
                error -> page(model, rows(organization), TemplateForm.blank(), form, error));
    }

    @PostMapping("/app/step-sets/{key}/delete")
    String delete(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String key) {
        if (!definitions.delete(caller.organizationId(), key)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/app/step-sets?deleted";
    }

    /** Saves as the API does; a refusal shows on the form it came from with the API's status (400 or 422). */
    private String save(String organization, String key, JsonNode request, String form, HttpServletResponse response,
                        Function<FormError, String> refused) {
        try {
            StepSetDefinitions.Stored stored = definitions.save(organization, key, request);
            return "redirect:/app/step-sets?saved=" + stored.definition().key();
        } catch (StepSetRefusal refusal) {
            response.setStatus(refusal.status().value());
            return refused.apply(new FormError(form, refusal.field(), refusal.getMessage()));
        }
    }

    private String page(Model model, List<SetRow> sets, TemplateForm template, JsonForm json, FormError error) {
        list(model, sets);
        model.addAttribute("templates", StepSetTemplates.ALL);
        model.addAttribute("templateForm", template);
        model.addAttribute("jsonForm", json);
        model.addAttribute("error", error);
        model.addAttribute("example", pretty(StepSetTemplates.body(StepSetTemplates.BOT, null).orElseThrow()));
        return "analytics/step-sets";
    }

    private void list(Model model, List<SetRow> sets) {
        model.addAttribute("sets", sets);
        model.addAttribute("refresh", sets.stream().anyMatch(SetRow::running) ? REFRESH : null);
    }

    private List<SetRow> rows(String organization) {
        return definitions.list(organization).stream().map(stored -> {
            StepSetDefinition definition = stored.definition();
            StepSetViews.StepSetView view = views.view(organization, stored);
            List<StepRow> steps = definition.steps().stream().map(step -> new StepRow(step.key(), step.name(),
                    step.funnelStep(definition.key()), step.events().stream().map(this::summary).toList())).toList();
            return new SetRow(view, steps);
        }).toList();
    }

    /** A rule in words: its event type, and its conditions joined by "and". */
    private String summary(StepSetDefinition.Rule rule) {
        if (rule.conditions().isEmpty()) {
            return text("stepSets.rule.any", rule.type());
        }
        String conditions = rule.conditions().stream()
                .map(condition -> text("stepSets.op." + condition.op().wireName(), condition.path(),
                        value(condition.value())))
                .collect(Collectors.joining(text("stepSets.rule.and")));
        return text("stepSets.rule.where", rule.type(), conditions);
    }

    private static String value(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(StepSetPage::value)
                    .collect(Collectors.joining(", "));
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String pretty(JsonNode json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
