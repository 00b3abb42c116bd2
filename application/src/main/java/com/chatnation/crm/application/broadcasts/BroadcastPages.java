package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.contacts.Audience;
import com.chatnation.crm.application.contacts.AudienceDefinitions;
import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.application.platform.web.ReadYourWrites;
import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.projections.queries.BroadcastQueries;
import com.chatnation.crm.projections.queries.BroadcastQueries.BroadcastRow;
import com.chatnation.crm.projections.queries.BroadcastQueries.Failure;
import com.chatnation.crm.projections.queries.BroadcastQueries.Progress;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.Page;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The organization's broadcasts with where their recipients are, and one broadcast followed live: its counts and
 * funnel refresh by themselves while it sends (an htmx poll of the page's progress part), its failures by WhatsApp
 * error, and, for members who write content, sending a draft, scheduling it, or cancelling.
 */
@DashboardPage
class BroadcastPages {

    /** A broadcast of the list with its recipients' progress ({@link Progress#NONE} before it starts). */
    record Listed(BroadcastRow broadcast, Progress progress, Integer audienceSize) {

        /** {@code audienceSize}: when it started, those sent to and those left out; null before it starts. */
        static Listed of(BroadcastRow broadcast, Progress progress) {
            return new Listed(broadcast, progress, broadcast.startedAt() == null ? null
                    : broadcast.recipients() + broadcast.suppressed());
        }
    }

    private static final int ROWS_PER_PAGE = 50;
    private static final int EXPORT_CHUNK = 500;
    private static final Set<String> CANCELLABLE = Set.of("draft", "scheduled", "sending");
    private static final Set<String> STARTABLE = Set.of("draft", "scheduled");

    private static final CsvDownload<Listed> LIST = CsvDownload.of(
            List.of("id", "name", "template", "language", "category", "status", "audience", "suppressed", "queued",
                    "sent", "delivered", "read", "failed", "replied", "tokens_reserved", "tokens_captured",
                    "scheduled_at", "started_at", "completed_at", "cancelled_at", "created_at"),
            List.<Function<Listed, Object>>of(l -> l.broadcast().id(), l -> l.broadcast().name(),
                    l -> l.broadcast().templateName(), l -> l.broadcast().templateLanguage(),
                    l -> l.broadcast().templateCategory(), l -> l.broadcast().status(), Listed::audienceSize,
                    l -> l.progress().suppressed(), l -> l.progress().queued(), l -> l.progress().sent(),
                    l -> l.progress().delivered(), l -> l.progress().read(), l -> l.progress().failed(),
                    l -> l.progress().replied(), l -> l.broadcast().tokensReserved(),
                    l -> l.broadcast().tokensCaptured(), l -> l.broadcast().scheduledAt(),
                    l -> l.broadcast().startedAt(), l -> l.broadcast().completedAt(),
                    l -> l.broadcast().cancelledAt(), l -> l.broadcast().createdAt()));

    private static final CsvDownload<Failure> FAILURES = CsvDownload.of(List.of("error_code", "title", "recipients"),
            List.<Function<Failure, Object>>of(Failure::code, Failure::title, Failure::recipients));

    private final BroadcastQueries broadcasts;
    private final BroadcastRuns runs;
    private final AudienceDefinitions audiences;
    private final BroadcastQuotes quotes;
    private final BroadcastDrafts drafts;
    private final BroadcastStarts starts;
    private final PageJson json;
    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();

    BroadcastPages(BroadcastQueries broadcasts, BroadcastRuns runs, AudienceDefinitions audiences,
                   BroadcastQuotes quotes, BroadcastDrafts drafts, BroadcastStarts starts, PageJson json,
                   MessageSource messages) {
        this.broadcasts = broadcasts;
        this.runs = runs;
        this.audiences = audiences;
        this.quotes = quotes;
        this.drafts = drafts;
        this.starts = starts;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/app/broadcasts")
    String list(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String cursor,
                @RequestParam(required = false) String format, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        if ("csv".equals(format)) {
            LIST.write(response, "broadcasts.csv", EveryRow.of(after -> listed(organization, after, EXPORT_CHUNK)));
            return null;
        }
        model.addAttribute("broadcasts", listed(organization, PageCursor.parse(cursor), ROWS_PER_PAGE));
        return "broadcasts/list";
    }

    @GetMapping("/app/broadcasts/{broadcastId}")
    String detail(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String broadcastId,
                  @RequestParam(required = false) String format,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
                  HttpServletResponse response) {
        String organization = caller.organizationId();
        BroadcastRow broadcast = find(organization, broadcastId);
        if ("csv".equals(format)) {
            FAILURES.write(response, "broadcast-" + broadcast.id() + "-failures.csv",
                    broadcasts.failures(organization, broadcast.id()));
            return null;
        }
        Progress progress = broadcasts.progress(organization, List.of(broadcast.id()))
                .getOrDefault(broadcast.id(), Progress.NONE);
        model.addAttribute("broadcast", broadcast);
        model.addAttribute("progress", progress);
        model.addAttribute("failures", broadcasts.failures(organization, broadcast.id()));
        model.addAttribute("chart", json.write(new ChartData("bar",
                List.of(text("broadcast.queued"), text("broadcast.suppressed"), text("broadcast.sent"),
                        text("broadcast.delivered"), text("broadcast.read"), text("broadcast.replied"),
                        text("broadcast.failed")),
                List.of(new ChartData.Series(text("broadcast.recipients"), List.of(progress.queued(),
                        progress.suppressed(), progress.sent(), progress.delivered(), progress.read(),
                        progress.replied(), progress.failed()))))));
        model.addAttribute("poll", switch (broadcast.status()) {
            case "sending" -> "every 3s";
            case "scheduled" -> "every 30s";
            case "completed", "cancelled" -> broadcast.startedAt() == null ? null : "every 5s";
            default -> null;
        });
        boolean writes = caller.may(Permission.CONTENT_WRITE);
        model.addAttribute("cancellable", writes && CANCELLABLE.contains(broadcast.status()));
        model.addAttribute("startable", writes && STARTABLE.contains(broadcast.status()));
        if (htmx == null) {
            // what does not change from poll to poll, or costs more to count, is read on a full load only
            model.addAttribute("audienceName", audiences.list(organization).stream()
                    .filter(a -> a.id().toString().equals(broadcast.audienceId())).map(Audience::name).findFirst()
                    .orElse(null));
            if (broadcast.startedAt() != null) {
                model.addAttribute("funnel", broadcasts.funnel(organization, broadcast.id()));
            }
        }
        if (writes && STARTABLE.contains(broadcast.status())) {
            model.addAttribute("quote", audienceId(broadcast.audienceId())
                    .flatMap(audience -> quotes.quote(organization, broadcast.templateCategory(), audience))
                    .orElse(null));
        }
        return "broadcasts/detail";
    }

    @PostMapping("/app/broadcasts/{broadcastId}/cancel")
    String cancel(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String broadcastId,
                  @RequestParam(required = false) String reason, RedirectAttributes flash) {
        BroadcastRow broadcast = find(caller.organizationId(), broadcastId);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            why = why.substring(0, 500);
        }
        try {
            drafts.cancel(caller.organizationId(), broadcast.id(), why);
            awaitShown(broadcasts, caller.organizationId(), broadcast.id(), row -> "cancelled".equals(row.status()));
            flash.addFlashAttribute("actionDone", text("broadcast.cancelled"));
        } catch (RuntimeException failure) {
            flash.addFlashAttribute("actionError", BroadcastComposePage.violation(failure).getMessage());
        }
        return "redirect:/app/broadcasts/" + broadcast.id();
    }

    @PostMapping("/app/broadcasts/{broadcastId}/send")
    String send(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String broadcastId,
                RedirectAttributes flash) {
        BroadcastRow broadcast = find(caller.organizationId(), broadcastId);
        try {
            BroadcastStarts.Started started = starts.start(caller.organizationId(), broadcast.id());
            awaitShown(broadcasts, caller.organizationId(), broadcast.id(), row -> row.startedAt() != null);
            flash.addFlashAttribute("actionDone", messages.getMessage("broadcast.started",
                    new Object[]{started.recipients(), started.tokensReserved()}, LocaleContextHolder.getLocale()));
        } catch (RefusedRequest refused) {
            Map<String, Object> details = refused.details();
            flash.addFlashAttribute("actionError", "insufficient_tokens".equals(refused.code())
                    ? messages.getMessage("compose.insufficient", new Object[]{details.get("recipients"),
                    details.get("required"), details.get("available"), details.get("shortfall")},
                    LocaleContextHolder.getLocale())
                    : refused.getMessage());
        } catch (RuntimeException failure) {
            flash.addFlashAttribute("actionError", BroadcastComposePage.violation(failure).getMessage());
        }
        return "redirect:/app/broadcasts/" + broadcast.id();
    }

    @PostMapping("/app/broadcasts/{broadcastId}/schedule")
    String schedule(@AuthenticationPrincipal CrmPrincipal caller, @PathVariable String broadcastId,
                    @RequestParam(required = false) String sendAt, RedirectAttributes flash) {
        BroadcastRow broadcast = find(caller.organizationId(), broadcastId);
        Instant at = null;
        try {
            at = sendAt == null ? null : LocalDateTime.parse(sendAt.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException unreadable) {
            // refused below
        }
        if (at == null || !at.isAfter(clock.instant())) {
            flash.addFlashAttribute("actionError", text("compose.error.sendAt"));
            return "redirect:/app/broadcasts/" + broadcast.id();
        }
        try {
            drafts.schedule(caller.organizationId(), broadcast.id(), at);
            Instant when = at;
            awaitShown(broadcasts, caller.organizationId(), broadcast.id(), row -> when.equals(row.scheduledAt()));
            flash.addFlashAttribute("actionDone", text("broadcast.scheduledDone"));
        } catch (RuntimeException failure) {
            flash.addFlashAttribute("actionError", BroadcastComposePage.violation(failure).getMessage());
        }
        return "redirect:/app/broadcasts/" + broadcast.id();
    }

    /**
     * Waits, briefly, until the read table shows what a change just did, so the page the member is sent to next shows
     * it too (the table follows the broadcast's events a moment later).
     */
    static void awaitShown(BroadcastQueries broadcasts, String organization, String broadcastId,
                           Predicate<BroadcastRow> shown) {
        ReadYourWrites.await(() -> broadcasts.broadcast(organization, broadcastId).filter(shown).isPresent());
    }

    private Page<Listed> listed(String organization, Cursor after, int limit) {
        Page<BroadcastRow> page = broadcasts.broadcasts(organization, after, limit);
        Map<String, Progress> progress = broadcasts.progress(organization,
                page.items().stream().map(BroadcastRow::id).toList());
        return new Page<>(page.items().stream()
                .map(row -> Listed.of(row, progress.getOrDefault(row.id(), Progress.NONE))).toList(),
                page.nextCursor());
    }

    /**
     * The broadcast of the caller's organization: from the read table, or, in the moment after it was drafted and
     * before the read table has it, from the senders' own record.
     */
    private BroadcastRow find(String organization, String broadcastId) {
        if (broadcastId.length() > 64) {
            throw notFound();
        }
        return broadcasts.broadcast(organization, broadcastId).or(() -> runs.find(organization, broadcastId)
                        .map(run -> new BroadcastRow(run.broadcastId(), run.name(), run.templateName(),
                                run.templateLanguage(), run.templateCategory(), run.audienceId(), run.status(), null,
                                null, null, null, 0, 0, run.tokensReserved(), 0, 0, clock.instant())))
                .orElseThrow(BroadcastPages::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no such broadcast in this organization");
    }

    private static Optional<UUID> audienceId(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            return Optional.empty();
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
