package com.chatnation.crm.application.templates;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.domain.template.TemplateExample;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.InvalidCursorException;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The organization's message templates as Meta last reported them: name, language, category, status and the
 * reason of a rejection; a sync with Meta's list, and a simple form that submits a new text template for review.
 */
@DashboardPage
class TemplatesPage {

    /** What the creation form sent, kept to show again beside a refusal. */
    record Draft(String name, String language, String category, String body, String examples, String footer) {
    }

    private static final int ROWS_PER_PAGE = 50;
    private static final int EXPORT_CHUNK = 500;
    private static final List<String> STATUSES = List.of("APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED",
            "DELETED");
    private static final List<String> CATEGORIES = List.of("MARKETING", "UTILITY", "AUTHENTICATION");

    private static final CsvDownload<TemplateRow> CSV = CsvDownload.of(
            List.of("id", "name", "language", "category", "previous_category", "status", "rejection_reason",
                    "parameter_format", "body", "source", "created_at", "updated_at", "deleted_at"),
            List.<Function<TemplateRow, Object>>of(TemplateRow::id, TemplateRow::name, TemplateRow::language,
                    TemplateRow::category, TemplateRow::previousCategory, TemplateRow::status,
                    TemplateRow::statusReason, TemplateRow::parameterFormat,
                    t -> t.content() == null ? null : t.content().body(), TemplateRow::source, TemplateRow::createdAt,
                    TemplateRow::updatedAt, TemplateRow::deletedAt));

    private final TemplateQueries templates;
    private final TemplateSubmissions submissions;
    private final MessageSource messages;

    TemplatesPage(TemplateQueries templates, TemplateSubmissions submissions, MessageSource messages) {
        this.templates = templates;
        this.submissions = submissions;
        this.messages = messages;
    }

    @GetMapping("/app/templates")
    String list(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String status,
                @RequestParam(required = false) String cursor, @RequestParam(required = false) String format,
                Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        String chosen = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        String filter = chosen != null && STATUSES.contains(chosen) ? chosen : null;
        if ("csv".equals(format)) {
            CSV.write(response, "templates.csv",
                    EveryRow.of(after -> templates.templates(organization, filter, after, EXPORT_CHUNK)));
            return null;
        }
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", new Draft("", "en", "MARKETING", "", "", ""));
        }
        page(organization, filter, PageCursor.parse(cursor), model);
        return "templates/list";
    }

    @PostMapping("/app/templates/sync")
    String sync(@AuthenticationPrincipal CrmPrincipal caller, RedirectAttributes flash) {
        try {
            TemplateSubmissions.Synced synced = submissions.sync(caller.organizationId());
            flash.addFlashAttribute("done", messages.getMessage("templates.synced",
                    new Object[]{synced.listed(), synced.deleted(), synced.skipped()}, LocaleContextHolder.getLocale()));
            flash.addFlashAttribute("refresh", true);
        } catch (RefusedRequest refused) {
            flash.addFlashAttribute("failed", explain(refused));
        }
        return "redirect:/app/templates";
    }

    @PostMapping("/app/templates")
    String create(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String name,
                  @RequestParam(required = false) String language, @RequestParam(required = false) String category,
                  @RequestParam(required = false) String body, @RequestParam(required = false) String examples,
                  @RequestParam(required = false) String footer, Model model, HttpServletResponse response,
                  RedirectAttributes flash) {
        String organization = caller.organizationId();
        Draft draft = new Draft(strip(name), strip(language), strip(category), body == null ? "" : body,
                examples == null ? "" : examples, strip(footer));
        String refusal;
        HttpStatus status;
        try {
            TemplateContent content = new TemplateContent(null, draft.body(), examples(draft.body(), draft.examples()),
                    draft.footer().isEmpty() ? null : draft.footer(), null);
            TemplateSubmissions.Created created = submissions.create(organization, draft.name(), draft.language(),
                    draft.category(), content);
            flash.addFlashAttribute("done", messages.getMessage("templates.submitted",
                    new Object[]{draft.name(), draft.language(), created.status()}, LocaleContextHolder.getLocale()));
            flash.addFlashAttribute("refresh", true);
            return "redirect:/app/templates";
        } catch (RefusedRequest refused) {
            refusal = explain(refused);
            status = refused.status();
        } catch (DomainRuleViolation invalid) {
            refusal = invalid.getMessage();
            status = HttpStatus.UNPROCESSABLE_ENTITY;
        }
        response.setStatus(status.value());
        model.addAttribute("draft", draft);
        model.addAttribute("createError", refusal);
        page(organization, null, null, model);
        return "templates/list";
    }

    private void page(String organization, String filter, Cursor after, Model model) {
        Page<TemplateRow> page;
        try {
            page = templates.templates(organization, filter, after, ROWS_PER_PAGE);
        } catch (InvalidCursorException mangled) {
            page = templates.templates(organization, filter, null, ROWS_PER_PAGE);
        }
        model.addAttribute("templates", page);
        model.addAttribute("status", filter);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("categories", CATEGORIES);
        // statuses arrive by webhook and a sync's imports a moment after it: the list refreshes itself meanwhile
        model.addAttribute("poll", model.containsAttribute("refresh")
                || page.items().stream().anyMatch(t -> "PENDING".equals(t.status())));
    }

    /**
     * One sample per body parameter, one a line in the parameters' order (Meta reviews a template with them);
     * positional parameters are named by position, named ones by name.
     */
    private static List<TemplateExample> examples(String body, String lines) {
        List<String> parameters = new TemplateContent(null, body, null, null, null).bodyParameters();
        List<String> samples = lines.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<TemplateExample> examples = new ArrayList<>();
        for (int i = 0; i < parameters.size() && i < samples.size(); i++) {
            examples.add(new TemplateExample(parameters.get(i), samples.get(i)));
        }
        return examples;
    }

    /** The refusal in the page's words where it has some ({@code templates.error.<code>}), else as the API says it. */
    private String explain(RefusedRequest refused) {
        return messages.getMessage("templates.error." + refused.code(), null, refused.getMessage(),
                LocaleContextHolder.getLocale());
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
