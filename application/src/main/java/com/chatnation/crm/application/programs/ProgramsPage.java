package com.chatnation.crm.application.programs;

import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.application.platform.web.ReadYourWrites;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.program.ContentItem;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.PollQueries;
import com.chatnation.crm.projections.queries.ProgramQueries;
import com.chatnation.crm.projections.queries.ProgramQueries.Analytics;
import com.chatnation.crm.projections.queries.ProgramQueries.ItemRow;
import com.chatnation.crm.projections.queries.ProgramQueries.ProgramDetail;
import com.chatnation.crm.projections.queries.ProgramQueries.ProgramRow;
import com.chatnation.crm.projections.queries.ProgramQueries.SubscriberDay;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The organization's content programs, and one program's page: its schedule, its items with how their deliveries
 * went, subscribers over the last 30 days as a chart, and the share of new subscribers who left within a week.
 * Members who write content create programs, add and remove items (an image uploaded with the form) and archive a
 * program, through the same {@link Programs} and limits as the API.
 */
@DashboardPage
class ProgramsPage {

    private static final int ROWS_PER_PAGE = 50;
    /** The period the program's page charts, and the churn it shows. */
    private static final int DAYS_SHOWN = 30;
    private static final int CHURN_DAYS = 7;
    /** How long a change waits for the read tables to show it before the page it leads to is shown. */
    /** Keys of refusals that concern a whole form rather than one of its fields. */
    private static final String CREATE_FORM = "form";
    private static final String ITEM_FORM = "item";

    private final Programs programs;
    private final ProgramQueries queries;
    private final PollQueries polls;
    private final PageJson json;
    private final Validator validator;
    private final MessageSource messages;

    ProgramsPage(Programs programs, ProgramQueries queries, PollQueries polls, PageJson json, Validator validator,
                 MessageSource messages) {
        this.programs = programs;
        this.queries = queries;
        this.polls = polls;
        this.json = json;
        this.validator = validator;
        this.messages = messages;
    }

    /** A program as a row of the list, with its schedule in words. */
    record Listed(ProgramRow program, String schedule) {
    }

    /** A poll an item may show. */
    record PollChoice(String id, String question) {
    }

    @GetMapping("/app/programs")
    String list(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String cursor,
                Model model) {
        return list(caller.organizationId(), PageCursor.parse(cursor), ProgramForm.empty(), Map.of(), model);
    }

    @PostMapping("/app/programs")
    String create(@AuthenticationPrincipal CrmPrincipal caller, @ModelAttribute ProgramForm form, Model model,
                  HttpServletResponse response) {
        String organization = caller.organizationId();
        ProgramRequest request = form.request();
        Map<String, String> errors = invalid(request);
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (errors.isEmpty()) {
            try {
                String programId = programs.create(organization, request);
                awaitShown(organization, programId, detail -> true);
                return "redirect:/app/programs/" + programId;
            } catch (ProgramRefusal refused) {
                errors.put(refused.code().startsWith("keyword") ? "joinKeyword" : CREATE_FORM, refused.getMessage());
                status = refused.status();
            } catch (RuntimeException failure) {
                DomainRuleViolation violation = violation(failure);
                errors.put(switch (violation.code()) {
                    case "invalid_name" -> "name";
                    case "invalid_description" -> "description";
                    case "invalid_schedule" -> "at";
                    case "invalid_time_zone" -> "timeZone";
                    case "invalid_keyword" -> "joinKeyword";
                    case "invalid_start" -> "startFrom";
                    case "invalid_template" -> "reengageTemplate";
                    default -> CREATE_FORM;
                }, violation.getMessage());
                status = HttpStatus.UNPROCESSABLE_ENTITY;
            }
        }
        response.setStatus(status.value());
        return list(organization, null, form, errors, model);
    }

    @GetMapping("/app/programs/{programId}")
    String program(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String programId, Model model) {
        ProgramDetail detail = find(caller.organizationId(), programId);
        return detail(caller, detail, ItemForm.empty(), Map.of(), model);
    }

    /**
     * Adds an item; an image comes as a file of the form, kept first (as {@code …/media} keeps it) and named by the
     * item. A file so large that the servlet's multipart limit stops it never reaches the page (the framework
     * answers 413).
     */
    @PostMapping("/app/programs/{programId}/items")
    String addItem(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String programId,
                   @ModelAttribute("itemForm") ItemForm form,
                   @RequestParam(name = "image", required = false) MultipartFile image, Model model,
                   HttpServletResponse response, RedirectAttributes flash) throws IOException {
        String organization = caller.organizationId();
        ProgramDetail detail = find(organization, programId);
        String id = detail.program().id();
        Map<String, String> errors = new LinkedHashMap<>();
        Integer sequenceNumber = null;
        LocalDate scheduledOn = null;
        if (form.sequenceNumber() != null && !form.sequenceNumber().isBlank()) {
            try {
                sequenceNumber = Integer.valueOf(form.sequenceNumber().strip());
            } catch (NumberFormatException notANumber) {
                errors.put("sequenceNumber", text("programs.error.number"));
            }
        }
        if (form.scheduledOn() != null && !form.scheduledOn().isBlank()) {
            try {
                scheduledOn = LocalDate.parse(form.scheduledOn().strip());
            } catch (DateTimeParseException unreadable) {
                errors.put("scheduledOn", text("programs.error.date"));
            }
        }
        boolean withImage = ContentItem.IMAGE.equals(form.contentType());
        if (withImage && (image == null || image.isEmpty())) {
            errors.put("image", text("programs.error.noImage"));
        }
        String pollId = ContentItem.POLL.equals(form.contentType()) ? form.pollId() : null;
        ItemRequest request = new ItemRequest(form.contentType(), form.body(), null, pollId, sequenceNumber,
                scheduledOn);
        invalid(request).forEach(errors::putIfAbsent);
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (errors.isEmpty()) {
            try {
                // the image is kept only once the rest of the form is fine
                if (withImage) {
                    request = new ItemRequest(request.contentType(), request.body(),
                            programs.keepImage(organization, id, image.getBytes()), null, sequenceNumber,
                            scheduledOn);
                }
                String itemId = programs.addItem(organization, id, request);
                awaitShown(organization, id, shown -> shown.items().stream()
                        .anyMatch(item -> item.id().equals(itemId)));
                flash.addFlashAttribute("actionDone", text("programs.item.added"));
                return "redirect:/app/programs/" + id;
            } catch (ProgramRefusal refused) {
                errors.put(switch (refused.code()) {
                    case "not_supported" -> "contentType";
                    case "unknown_poll" -> "pollId";
                    case "unknown_media", "unreadable_image", "image_too_large" -> "image";
                    default -> ITEM_FORM;
                }, refused.getMessage());
                status = refused.status();
            } catch (RuntimeException failure) {
                errors.put(ITEM_FORM, violation(failure).getMessage());
                status = HttpStatus.UNPROCESSABLE_ENTITY;
            }
        }
        response.setStatus(status.value());
        return detail(caller, find(organization, id), form, errors, model);
    }

    @PostMapping("/app/programs/{programId}/items/{itemId}/remove")
    String removeItem(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String programId,
                      @PathVariable String itemId, RedirectAttributes flash) {
        String organization = caller.organizationId();
        String id = find(organization, programId).program().id();
        try {
            programs.removeItem(organization, id, itemId);
            awaitShown(organization, id, shown -> shown.items().stream().noneMatch(item -> item.id().equals(itemId)));
            flash.addFlashAttribute("actionDone", text("programs.item.removed"));
        } catch (ProgramRefusal refused) {
            // removed meanwhile (a second click, another member), or the program was archived: shown as it is
            flash.addFlashAttribute("actionError", refused.getMessage());
        }
        return "redirect:/app/programs/" + id;
    }

    @PostMapping("/app/programs/{programId}/archive")
    String archive(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String programId,
                   RedirectAttributes flash) {
        String organization = caller.organizationId();
        String id = find(organization, programId).program().id();
        try {
            int ended = programs.archive(organization, id);
            awaitShown(organization, id, shown -> shown.program().archivedAt() != null);
            flash.addFlashAttribute("actionDone", text("programs.archived", ended));
        } catch (ProgramRefusal refused) {
            flash.addFlashAttribute("actionError", refused.getMessage());
        }
        return "redirect:/app/programs/" + id;
    }

    private String list(String organization, Cursor after, ProgramForm form, Map<String, String> errors,
                        Model model) {
        var page = queries.programs(organization, after, ROWS_PER_PAGE);
        model.addAttribute("programs", page.items().stream().map(row -> new Listed(row, schedule(row))).toList());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("weekdays", weekdays());
        return "programs/list";
    }

    private String detail(CrmPrincipal caller, ProgramDetail detail, ItemForm form, Map<String, String> errors,
                          Model model) {
        ProgramRow program = detail.program();
        Analytics analytics = queries.analytics(caller.organizationId(), program.id(), DAYS_SHOWN, CHURN_DAYS,
                Instant.now()).orElseThrow(ProgramsPage::notFound);
        model.addAttribute("program", program);
        model.addAttribute("schedule", schedule(program));
        // the items still sent, with their figures; removed ones count only in the API's analytics
        model.addAttribute("items", analytics.items().stream().filter(item -> item.removedAt() == null).toList());
        model.addAttribute("analytics", analytics);
        List<SubscriberDay> days = analytics.days();
        model.addAttribute("chart", json.write(new ChartData("line",
                days.stream().map(day -> day.day().toString().substring(5)).toList(),
                List.of(new ChartData.Series(text("programs.chart.subscribed"),
                                days.stream().map(SubscriberDay::active).toList()),
                        new ChartData.Series(text("programs.chart.joined"),
                                days.stream().map(SubscriberDay::joined).toList()),
                        new ChartData.Series(text("programs.chart.left"),
                                days.stream().map(SubscriberDay::left).toList())))));
        boolean writable = caller.may(Permission.CONTENT_WRITE) && program.archivedAt() == null;
        model.addAttribute("writable", writable);
        if (writable) {
            model.addAttribute("polls", polls.polls(caller.organizationId(), null, ROWS_PER_PAGE).items().stream()
                    .map(poll -> new PollChoice(poll.id(), poll.question())).toList());
        }
        model.addAttribute("itemForm", form);
        model.addAttribute("errors", errors);
        return "programs/detail";
    }

    /** "Every day at 06:00", "Every Sunday at 18:30", in the page's language. */
    private String schedule(ProgramRow program) {
        if ("weekly".equals(program.frequency()) && program.dayOfWeek() != null) {
            return text("programs.schedule.weekly", dayName(DayOfWeek.valueOf(program.dayOfWeek())), program.sendAt());
        }
        return text("programs.schedule.daily", program.sendAt());
    }

    private static Map<String, String> weekdays() {
        Map<String, String> days = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day.name().toLowerCase(java.util.Locale.ROOT), dayName(day));
        }
        return days;
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, LocaleContextHolder.getLocale());
    }

    private ProgramDetail find(String organization, String programId) {
        if (programId.length() > 64) {
            throw notFound();
        }
        return queries.detail(organization, programId).orElseThrow(ProgramsPage::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no such program in this organization");
    }

    /** The read tables follow the program's events a moment later: the page a change leads to waits for them. */
    private void awaitShown(String organization, String programId, Predicate<ProgramDetail> shown) {
        ReadYourWrites.await(() -> queries.detail(organization, programId).filter(shown).isPresent());
    }

    /** The API request's own constraints on what the form sent, each on its field, in the page's words. */
    private Map<String, String> invalid(Object request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString();
            // the schedule's fields are the form's own
            field = field.startsWith("schedule.") ? field.substring("schedule.".length()) : field;
            errors.putIfAbsent(field, violation.getConstraintDescriptor().getAnnotation() instanceof Size size
                    ? text("programs.error.tooLong", size.max()) : text("programs.error.required"));
        }
        return errors;
    }

    /** The program's own refusal inside a failed command; anything else is not the form's to explain. */
    private static DomainRuleViolation violation(RuntimeException failure) {
        DomainRuleViolation violation = Programs.violation(failure);
        if (violation == null) {
            throw failure;
        }
        return violation;
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }
}
