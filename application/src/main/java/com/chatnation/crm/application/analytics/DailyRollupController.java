package com.chatnation.crm.application.analytics;

import com.chatnation.crm.projections.analytics.DailyRollupQueries;
import com.chatnation.crm.projections.analytics.RollupMetrics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static com.chatnation.crm.application.analytics.FunnelDefinitions.badRequest;

/** Daily figures per organization, from {@code daily_rollups}. */
@RestController
@Tag(name = "Analytics: daily rollups", description = "Messages, contacts, replies, tokens, surveys, tickets, "
        + "broadcasts and template sends per UTC day. Authenticate with the organization's API key: "
        + "Authorization: Bearer <key>.")
@ApiResponses({
        @ApiResponse(responseCode = "401", description = "missing or unknown API key"),
        @ApiResponse(responseCode = "403", description = "the API key belongs to another organization")})
class DailyRollupController {

    private final DailyRollupQueries queries;
    private final Clock clock = Clock.systemUTC();

    public DailyRollupController(DailyRollupQueries queries) {
        this.queries = queries;
    }

    @Schema(description = "A metric's value, and its split by dimension when the metric has one (content type for "
            + "messages.in, module for replies.queued, error code for replies.failed, module/action for "
            + "tokens.spent, survey id for surveys.*, event id for tickets.reserved/sold, currency for "
            + "tickets.revenue, stage for broadcast_messages, template category for templates.sent)")
    public record Figure(BigDecimal value, Map<String, BigDecimal> dimensions) {
    }

    public record Day(LocalDate day, Map<String, Figure> metrics) {
    }

    @Schema(description = "Every day of the range, in order; a day without activity has no metrics")
    public record Rollups(String organizationId, LocalDate from, LocalDate to, List<String> metrics,
                          Map<String, Figure> totals, List<Day> days) {
    }

    @GetMapping("/api/v1/orgs/{orgId}/rollups/daily")
    @Operation(summary = "Daily rollups for a date range",
            description = "Metrics: " + "messages.in, messages.out, replies.queued, replies.delivered, replies.read, "
                    + "replies.failed, replies.expired, replies.held, contacts.new, contacts.active, "
                    + "conversations.started, tokens.spent, surveys.started, surveys.completed, surveys.abandoned, "
                    + "tickets.reserved, tickets.sold, tickets.revenue, broadcasts.started, broadcasts.recipients, "
                    + "broadcast_messages (by stage: queued, suppressed, sent, delivered, read, failed, replied), "
                    + "templates.sent (by category: marketing, utility, authentication). "
                    + "Totals of contacts.active add up days, so a contact active on two days counts twice.")
    @ApiResponse(responseCode = "400", description = "unknown metric, bad dates, from after to, or a range over "
            + "366 days")
    public Rollups daily(
            @PathVariable String orgId,
            @Parameter(description = "first UTC day, YYYY-MM-DD (default: 29 days before to)")
            @RequestParam(required = false) String from,
            @Parameter(description = "last UTC day, included, YYYY-MM-DD (default: today)")
            @RequestParam(required = false) String to,
            @Parameter(description = "metrics to return, repeated or comma-separated (default: all)")
            @RequestParam(required = false) List<String> metric) {
        DateRange range = DateRange.parse(from, to, clock);
        List<String> metrics = metrics(metric);
        Map<LocalDate, Map<String, Figure>> byDay = new TreeMap<>();
        Map<String, Figure> totals = new TreeMap<>();
        for (DailyRollupQueries.RollupRow row : queries.rows(orgId, range.from(), range.to(),
                metrics.size() == RollupMetrics.ALL.size() ? List.of() : metrics)) {
            add(byDay.computeIfAbsent(row.day(), d -> new TreeMap<>()), row);
            add(totals, row);
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            days.add(new Day(day, byDay.getOrDefault(day, Map.of())));
        }
        return new Rollups(orgId, range.from(), range.to(), metrics, totals, days);
    }

    private static void add(Map<String, Figure> figures, DailyRollupQueries.RollupRow row) {
        Figure figure = figures.get(row.metric());
        BigDecimal value = (figure == null ? BigDecimal.ZERO : figure.value()).add(row.value());
        Map<String, BigDecimal> dimensions = figure == null || figure.dimensions() == null
                ? null : figure.dimensions();
        if (!row.dimension().isEmpty()) {
            dimensions = dimensions == null ? new TreeMap<>() : dimensions;
            dimensions.merge(row.dimension(), row.value(), BigDecimal::add);
        }
        figures.put(row.metric(), new Figure(value, dimensions));
    }

    private static List<String> metrics(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return RollupMetrics.ALL;
        }
        Set<String> metrics = new LinkedHashSet<>();
        for (String entry : requested) {
            for (String name : entry.split(",")) {
                String metric = name.strip();
                if (metric.isEmpty()) {
                    continue;
                }
                if (!RollupMetrics.ALL.contains(metric)) {
                    throw badRequest("unknown metric '" + metric + "'; known metrics: "
                            + String.join(", ", RollupMetrics.ALL));
                }
                metrics.add(metric);
            }
        }
        return metrics.isEmpty() ? RollupMetrics.ALL : List.copyOf(metrics);
    }
}
