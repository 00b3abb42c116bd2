package com.chatnation.crm.application.polls;

import com.chatnation.crm.application.platform.pages.Refusal;
import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.application.platform.web.ReadYourWrites;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.PollQueries;
import com.chatnation.crm.projections.queries.PollQueries.OptionResult;
import com.chatnation.crm.projections.queries.PollQueries.PollResults;
import com.chatnation.crm.projections.queries.PollQueries.PollRow;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The organization's polls, and one poll's results followed live: votes per option as a table and a bar chart,
 * refreshed by an htmx poll of the results part while votes can still arrive. Members who write content create
 * polls (the same {@link Polls} and limits as the API's {@code POST …/polls}, the poll's own rules answering for
 * the rest) and close them early.
 */
@DashboardPage
class PollsPage {

    private static final int ROWS_PER_PAGE = 50;
    /** How long a change waits for the read table to show it before the page it leads to is shown. */
    /**
     * A vote sent just before the poll closed may reach the read table just after: the results keep refreshing this
     * long past the closing, so the page does not stop one vote short.
     */
    private static final Duration LATE_COUNTS = Duration.ofSeconds(30);
    /** Key of refusals that concern the whole form rather than one field. */
    private static final String FORM = "form";

    private final Polls polls;
    private final PollQueries queries;
    private final PageJson json;
    private final MessageSource messages;

    PollsPage(Polls polls, PollQueries queries, PageJson json, MessageSource messages) {
        this.polls = polls;
        this.queries = queries;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/app/polls")
    String list(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String cursor,
                Model model) {
        return list(caller.organizationId(), PageCursor.parse(cursor), PollForm.empty(), Map.of(), model);
    }

    @PostMapping("/app/polls")
    String create(@AuthenticationPrincipal CrmPrincipal caller, @ModelAttribute PollForm form, Model model,
                  HttpServletResponse response) {
        String organization = caller.organizationId();
        Map<String, String> errors = new LinkedHashMap<>();
        Instant opensAt = time(form.opensAt(), "opensAt", errors);
        Instant closesAt = time(form.closesAt(), "closesAt", errors);
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (errors.isEmpty()) {
            // no checks of the page's own beyond the times: the poll's rules bound every field the form sends
            PollRequest request = new PollRequest(form.question(), form.optionLines(), opensAt, closesAt,
                    form.changeable(), form.keyword(), null);
            try {
                String pollId = polls.create(organization, request);
                awaitShown(organization, pollId, row -> true);
                return "redirect:/app/polls/" + pollId;
            } catch (PollRefusal refused) {
                errors.put("keyword_taken".equals(refused.code()) ? "keyword" : FORM, refused.getMessage());
                status = refused.status();
            } catch (RuntimeException failure) {
                DomainRuleViolation violation = Refusal.violationIn(failure);
                errors.put(field(violation), violation.getMessage());
                status = HttpStatus.UNPROCESSABLE_ENTITY;
            }
        }
        response.setStatus(status.value());
        return list(organization, null, form, errors, model);
    }

    @GetMapping("/app/polls/{pollId}")
    String poll(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String pollId, Model model) {
        results(caller, pollId, model);
        return "polls/detail";
    }

    /** The live part of the poll's page alone, as its htmx poll asks for it. */
    @GetMapping("/app/polls/{pollId}/results")
    String liveResults(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String pollId, Model model) {
        results(caller, pollId, model);
        return "polls/results :: results";
    }

    @PostMapping("/app/polls/{pollId}/close")
    String close(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String pollId, RedirectAttributes flash) {
        String organization = caller.organizationId();
        PollRow poll = find(organization, pollId).poll();
        try {
            polls.close(organization, poll.id());
            awaitShown(organization, poll.id(), row -> "closed".equals(row.status()));
            flash.addFlashAttribute("actionDone", text("polls.closed"));
        } catch (PollRefusal refused) {
            // closed meanwhile, by someone else or by its closing time: the page shows it as it is
            flash.addFlashAttribute("actionError", refused.getMessage());
        }
        return "redirect:/app/polls/" + poll.id();
    }

    private String list(String organization, Cursor after, PollForm form, Map<String, String> errors, Model model) {
        Page<PollRow> page = queries.polls(organization, after, ROWS_PER_PAGE);
        // the read model counts one poll's votes at a time; a page holds at most ROWS_PER_PAGE of them
        model.addAttribute("polls", new Page<>(page.items().stream()
                .map(row -> queries.results(organization, row.id())
                        .orElse(new PollResults(row, 0, 0, List.of())))
                .toList(), page.nextCursor()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "polls/list";
    }

    /** What the poll's page and its live part show. */
    private void results(CrmPrincipal caller, String pollId, Model model) {
        PollResults results = find(caller.organizationId(), pollId);
        PollRow poll = results.poll();
        model.addAttribute("results", results);
        model.addAttribute("chart", json.write(new ChartData("bar",
                results.options().stream().map(OptionResult::label).toList(),
                List.of(new ChartData.Series(text("polls.votes"),
                        results.options().stream().map(OptionResult::votes).toList())))));
        model.addAttribute("refresh", refresh(poll, Instant.now()));
        model.addAttribute("closable", caller.may(Permission.CONTENT_WRITE) && !"closed".equals(poll.status()));
    }

    /**
     * How often the live part asks again: often while votes arrive, now and then before the poll opens (its status
     * changes by itself), not at all once the votes are in.
     */
    private static String refresh(PollRow poll, Instant now) {
        return switch (poll.status()) {
            case "open" -> "every 3s";
            case "scheduled" -> "every 10s";
            default -> {
                Instant closed = poll.closedAt() != null
                        && (poll.closesAt() == null || poll.closedAt().isBefore(poll.closesAt()))
                        ? poll.closedAt() : poll.closesAt();
                yield closed != null && now.isBefore(closed.plus(LATE_COUNTS)) ? "every 5s" : null;
            }
        };
    }

    private PollResults find(String organization, String pollId) {
        if (pollId.length() > 64) {
            throw notFound();
        }
        return queries.results(organization, pollId).orElseThrow(PollsPage::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no such poll in this organization");
    }

    /** The read table follows the poll's events a moment later: the page a change leads to waits for it, briefly. */
    private void awaitShown(String organization, String pollId, Predicate<PollRow> shown) {
        ReadYourWrites.await(() -> queries.poll(organization, pollId).filter(shown).isPresent());
    }

    /** Which field of the form a rule of the poll concerns. */
    private static String field(DomainRuleViolation violation) {
        return switch (violation.code()) {
            case "missing_question", "question_too_long" -> "question";
            case "invalid_options" -> "options";
            case "invalid_keyword" -> "keyword";
            case "closes_in_the_past", "closes_before_opening" -> "closesAt";
            default -> FORM;
        };
    }


    /** A {@code datetime-local} value read as UTC; blank is none, anything unreadable is refused on its field. */
    private Instant time(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException unreadable) {
            errors.put(field, text("polls.error.time"));
            return null;
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
