package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.contacts.Audience;
import com.chatnation.crm.application.contacts.AudienceDefinitions;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.domain.broadcast.BroadcastHeader;
import com.chatnation.crm.domain.broadcast.ParameterBinding;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.projections.queries.BroadcastQueries;
import com.chatnation.crm.projections.queries.BroadcastQueries.BroadcastRow;
import com.chatnation.crm.projections.queries.TemplateQueries;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Composing a broadcast: an approved template, where each of its body parameters comes from (a fixed text or a
 * contact's field), a saved audience with its size and the cost in tokens against the wallet, and then a draft, a
 * time or "send now". What the broadcast's rules refuse (a shortfall of tokens, nobody to send to, a parameter that
 * does not fit) is shown on the form beside what it concerns, with what was typed kept.
 */
@DashboardPage
class BroadcastComposePage {

    /** A template the page offers: approved, not deleted, and fillable by a broadcast (body parameters only). */
    record Choice(String id, String name, String language, String category) {
    }

    /** A body parameter of the chosen template: its label ({{1}} or {{name}}) and where its fields are. */
    record Slot(int index, String label) {
    }

    /** A refusal of the whole form; the token figures only for a shortfall, {@code draftId} when a draft was kept. */
    record Refusal(String code, String message, Long required, Long available, Long shortfall, String draftId) {
    }

    private static final int MAX_TEMPLATES = 200;
    private static final int MAX_NAME_LENGTH = 200;

    private final TemplateQueries templates;
    private final AudienceDefinitions audiences;
    private final BroadcastQuotes quotes;
    private final BroadcastDrafts drafts;
    private final BroadcastStarts starts;
    private final MessageSource messages;
    private final BroadcastQueries broadcasts;
    private final Clock clock = Clock.systemUTC();

    BroadcastComposePage(TemplateQueries templates, AudienceDefinitions audiences, BroadcastQuotes quotes,
                         BroadcastDrafts drafts, BroadcastStarts starts, MessageSource messages,
                         BroadcastQueries broadcasts) {
        this.messages = messages;
        this.broadcasts = broadcasts;
        this.templates = templates;
        this.audiences = audiences;
        this.quotes = quotes;
        this.drafts = drafts;
        this.starts = starts;
    }

    /** The form; choosing a template reloads it (htmx) with that template's parameters, keeping what was typed. */
    @GetMapping("/app/broadcasts/new")
    String compose(@AuthenticationPrincipal CrmPrincipal caller, @ModelAttribute("form") ComposeForm form,
                   BindingResult ignored, Model model) {
        prepare(caller.organizationId(), form, model, Map.of(), null);
        return "broadcasts/compose";
    }

    /** The audience's size and the cost, recomputed when the audience (or template) changes. */
    @GetMapping("/app/broadcasts/new/cost")
    String cost(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String templateId,
                @RequestParam(required = false) String audienceId, Model model) {
        String organization = caller.organizationId();
        model.addAttribute("quote", template(organization, templateId)
                .flatMap(template -> quote(organization, template, audienceId)).orElse(null));
        return "broadcasts/cost :: cost";
    }

    @PostMapping("/app/broadcasts")
    String submit(@AuthenticationPrincipal CrmPrincipal caller, @ModelAttribute("form") ComposeForm form,
                  BindingResult ignored, @RequestParam(required = false) String action, Model model,
                  HttpServletResponse response, RedirectAttributes flash) {
        String organization = caller.organizationId();
        String chosen = action == null ? "draft" : action;
        Map<String, String> errors = new LinkedHashMap<>();
        String name = form.getName() == null ? "" : form.getName().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            errors.put("name", text("compose.error.name"));
        }
        Optional<TemplateRow> template = template(organization, form.getTemplateId());
        if (template.isEmpty()) {
            errors.put("templateId", text("compose.error.template"));
        }
        UUID audience = audienceId(form.getAudienceId());
        if (audience == null || !audiences.exists(organization, audience)) {
            errors.put("audienceId", text("compose.error.audience"));
        }
        List<ParameterBinding> bindings = new ArrayList<>();
        BroadcastHeader header = null;
        if (template.isPresent()) {
            TemplateRow row = template.get();
            form.fitParameters(row.content().bodyParameters().size());
            bindings = bindings(row, form, errors);
            header = header(row, form, errors);
        }
        Instant sendAt = null;
        if ("schedule".equals(chosen)) {
            sendAt = sendAt(form.getSendAt());
            if (sendAt == null || !sendAt.isAfter(clock.instant())) {
                errors.put("sendAt", text("compose.error.sendAt"));
            }
        }
        if (!errors.isEmpty()) {
            return form(organization, form, model, errors, null, HttpStatus.BAD_REQUEST, response);
        }
        if ("send".equals(chosen)) {
            // the start checks this again, with the reservation; asking first keeps a refused send from leaving a draft
            BroadcastQuotes.Quote quote = quotes.quote(organization, template.get().category(), audience).orElseThrow();
            if (quote.recipients() == 0) {
                errors.put("audienceId", text("compose.error.audienceEmpty"));
                return form(organization, form, model, errors, null, HttpStatus.UNPROCESSABLE_ENTITY, response);
            }
            if (quote.shortfall() > 0) {
                return form(organization, form, model, errors, new Refusal("insufficient_tokens", null,
                                quote.tokens(), quote.available(), quote.shortfall(), null),
                        HttpStatus.PAYMENT_REQUIRED, response);
            }
        }
        String broadcastId;
        try {
            broadcastId = drafts.draft(organization, name, template.get().id(), bindings, header,
                    audience.toString(), null);
        } catch (RefusedRequest refused) {
            String field = switch (refused.code()) {
                case "template_not_approved", "template_not_broadcastable" -> "templateId";
                case "invalid_header" -> "headerLink";
                case "not_found" -> refused.getMessage().contains("audience") ? "audienceId" : "templateId";
                default -> null;
            };
            if (field != null) {
                errors.put(field, refused.getMessage());
                return form(organization, form, model, errors, null, refused.status(), response);
            }
            return form(organization, form, model, errors, refusal(refused, null), refused.status(), response);
        } catch (RuntimeException failure) {
            DomainRuleViolation violation = violation(failure);
            return form(organization, form, model, errors, new Refusal(violation.code(), violation.getMessage(), null,
                    null, null, null), HttpStatus.UNPROCESSABLE_ENTITY, response);
        }
        Predicate<BroadcastRow> shown = row -> true;
        if ("schedule".equals(chosen)) {
            try {
                drafts.schedule(organization, broadcastId, sendAt);
                shown = row -> row.scheduledAt() != null;
            } catch (RuntimeException failure) {
                flash.addFlashAttribute("actionError", violation(failure).getMessage());
            }
        } else if ("send".equals(chosen)) {
            try {
                starts.start(organization, broadcastId);
                shown = row -> row.startedAt() != null;
            } catch (RefusedRequest refused) {
                // the audience or the wallet changed since the quote: the draft stays, to send once it can
                return form(organization, form, model, errors, refusal(refused, broadcastId), refused.status(),
                        response);
            } catch (RuntimeException failure) {
                flash.addFlashAttribute("actionError", violation(failure).getMessage());
            }
        }
        BroadcastPages.awaitShown(broadcasts, organization, broadcastId, shown);
        return "redirect:/app/broadcasts/" + broadcastId;
    }

    /** A form no page of ours sends (a parameter far beyond any template's): refused, not a server error. */
    @ExceptionHandler(InvalidPropertyException.class)
    ModelAndView unreadable(HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        ModelAndView page = new ModelAndView("error", HttpStatus.BAD_REQUEST);
        page.addObject("status", HttpStatus.BAD_REQUEST.value());
        page.addObject("detail", text("compose.error.unreadable"));
        return page;
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private String form(String organization, ComposeForm form, Model model, Map<String, String> errors,
                        Refusal refusal, HttpStatus status, HttpServletResponse response) {
        response.setStatus(status.value());
        prepare(organization, form, model, errors, refusal);
        return "broadcasts/compose";
    }

    private void prepare(String organization, ComposeForm form, Model model, Map<String, String> errors,
                         Refusal refusal) {
        List<Choice> choices = templates.templates(organization, "APPROVED", null, MAX_TEMPLATES).items().stream()
                .filter(BroadcastComposePage::broadcastable)
                .map(t -> new Choice(t.id(), t.name(), t.language(), t.category())).toList();
        List<Audience> saved = audiences.list(organization);
        Optional<TemplateRow> template = template(organization, form.getTemplateId());
        List<Slot> slots = new ArrayList<>();
        template.ifPresent(row -> {
            List<String> parameters = row.content().bodyParameters();
            form.fitParameters(parameters.size());
            for (int i = 0; i < parameters.size(); i++) {
                slots.add(new Slot(i, "{{" + parameters.get(i) + "}}"));
            }
        });
        model.addAttribute("templates", choices);
        model.addAttribute("template", template.orElse(null));
        model.addAttribute("slots", slots);
        model.addAttribute("audiences", saved);
        model.addAttribute("sources", List.of("text", "name", "phone", "attribute"));
        model.addAttribute("quote", template.flatMap(row -> quote(organization, row, form.getAudienceId()))
                .orElse(null));
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
    }

    private Optional<BroadcastQuotes.Quote> quote(String organization, TemplateRow template, String audienceId) {
        UUID audience = audienceId(audienceId);
        return audience == null ? Optional.empty() : quotes.quote(organization, template.category(), audience);
    }

    private Optional<TemplateRow> template(String organization, String templateId) {
        if (templateId == null || templateId.isBlank()) {
            return Optional.empty();
        }
        return templates.template(organization, templateId.strip())
                .filter(row -> row.deletedAt() == null && "APPROVED".equals(row.status()))
                .filter(BroadcastComposePage::broadcastable);
    }

    private static boolean broadcastable(TemplateRow template) {
        return template.deletedAt() == null && template.content() != null
                && template.content().headerParameters().isEmpty()
                && template.content().parameterisedButtons().isEmpty();
    }

    private static List<ParameterBinding> bindings(TemplateRow template, ComposeForm form, Map<String, String> errors) {
        List<String> parameters = template.content().bodyParameters();
        boolean named = "NAMED".equals(template.parameterFormat());
        List<ParameterBinding> bindings = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            ComposeForm.Param param = form.getParams().get(i);
            String source = param.getSource() == null ? "text" : param.getSource().strip();
            try {
                bindings.add(new ParameterBinding(named ? parameters.get(i) : null, source,
                        "attribute".equals(source) ? blankToNull(param.getKey()) : null, blankToNull(param.getValue())));
            } catch (DomainRuleViolation invalid) {
                errors.put("params" + i, invalid.getMessage());
            }
        }
        return bindings;
    }

    private static BroadcastHeader header(TemplateRow template, ComposeForm form, Map<String, String> errors) {
        if (!template.content().hasMediaHeader()) {
            return null;
        }
        try {
            return new BroadcastHeader(template.content().header().format(), blankToNull(form.getHeaderLink()), null,
                    null);
        } catch (DomainRuleViolation invalid) {
            errors.put("headerLink", invalid.getMessage());
            return null;
        }
    }

    /** A {@code datetime-local} value, read as UTC (the page says so). */
    private static Instant sendAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static UUID audienceId(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static Refusal refusal(RefusedRequest refused, String draftId) {
        Map<String, Object> details = refused.details();
        return new Refusal(refused.code(), refused.getMessage(), number(details.get("required")),
                number(details.get("available")), number(details.get("shortfall")), draftId);
    }

    private static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    /** The broadcast's own refusal inside a failed command; anything else is not the form's to explain. */
    static DomainRuleViolation violation(RuntimeException failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof DomainRuleViolation violation) {
                return violation;
            }
            cause = cause.getCause();
        }
        throw failure;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
