package com.chatnation.crm.application.engagement;

import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.projections.queries.EngagementQueries;
import com.chatnation.crm.projections.queries.EngagementQueries.BestTimes;
import com.chatnation.crm.projections.queries.EngagementQueries.ContactEngagement;
import com.chatnation.crm.projections.queries.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Engagement and churn per organization: each contact's visit pattern and churn class, how many contacts are in
 * each class, and when contacts read the organization's messages. Classes are computed at {@code now} (default the
 * present; a fixed {@code now} gives the same answer every time); days are UTC.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/engagement")
@Tag(name = "Analytics: engagement and churn", description = "Visit patterns (a visit is a UTC day the contact "
        + "wrote on), churn classes new / active / loyal / at_risk / lapsed, and the best hour and weekday to reach "
        + "contacts from when they read messages.")
@ApiResponse(responseCode = "400", description = "bad segment, now, zone, limit or cursor")
class EngagementController {

    private static final String CLASSES = "Classes, the first that holds: new (first message under "
            + EngagementQueries.NEW_DAYS + " days ago and fewer than " + EngagementQueries.LOYAL_MIN_ACTIVE_DAYS
            + " active days), lapsed (no visit for " + EngagementQueries.LAPSED_DAYS + " days or "
            + EngagementQueries.LAPSED_MULTIPLE + "× the usual gap), at_risk (current gap over "
            + EngagementQueries.AT_RISK_MULTIPLE + "× the usual gap), loyal (at least "
            + EngagementQueries.LOYAL_MIN_ACTIVE_DAYS + " active days and a current gap within the usual gap), "
            + "active. The usual gap is the average days between visits (" + EngagementQueries.DEFAULT_USUAL_GAP_DAYS
            + " for a contact seen once).";

    /** A page of contacts with their figures at {@code now}. */
    record EngagementContacts(Instant now, List<ContactEngagement> items, String nextCursor) {
    }

    /** How many contacts each class holds at {@code now}. */
    record EngagementSegments(Instant now, long contacts, Map<String, Long> segments) {
    }

    private final EngagementQueries queries;

    EngagementController(EngagementQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/contacts")
    @Operation(summary = "Contacts' engagement: first and last message, active days, average and longest gap, "
            + "current gap, predicted next visit, reads and churn class, in contact id order", description = CLASSES
            + " format=csv gives every matching contact as one CSV file.")
    EngagementContacts contacts(
            @PathVariable String orgId,
            @Parameter(description = "new, active, loyal, at_risk or lapsed (default: all)")
            @RequestParam(required = false) String segment,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String after,
            @Parameter(description = "the moment classes are computed at, ISO-8601 (default: now)")
            @RequestParam(required = false) String now,
            @Parameter(description = "csv for a CSV file") @RequestParam(required = false) String format,
            HttpServletResponse response) {
        String chosen = EngagementRequests.segment(segment);
        Instant at = EngagementRequests.now(now);
        int pageSize = DashboardRequests.limit(limit);
        if (csv(format)) {
            EngagementRequests.CONTACTS_CSV.write(response, "engagement-contacts.csv",
                    EveryRow.of(cursor -> queries.contacts(orgId, at, chosen, cursor, DashboardRequests.MAX_PAGE_SIZE)));
            return null;
        }
        Page<ContactEngagement> page = queries.contacts(orgId, at, chosen,
                EngagementRequests.after(DashboardRequests.after(after)), pageSize);
        return new EngagementContacts(at, page.items(), page.nextCursor());
    }

    @GetMapping("/segments")
    @Operation(summary = "How many contacts are new, active, loyal, at risk and lapsed", description = CLASSES)
    EngagementSegments segments(@PathVariable String orgId, @RequestParam(required = false) String now,
                                @RequestParam(required = false) String format, HttpServletResponse response) {
        Instant at = EngagementRequests.now(now);
        Map<String, Long> counts = queries.segments(orgId, at);
        if (csv(format)) {
            EngagementRequests.SEGMENTS_CSV.write(response, "engagement-segments.csv", counts.entrySet());
            return null;
        }
        return new EngagementSegments(at, counts.values().stream().mapToLong(Long::longValue).sum(), counts);
    }

    @GetMapping("/best-times")
    @Operation(summary = "When contacts read the organization's messages (replies and broadcasts): reads per hour "
            + "of the day and per weekday, and the best of each", description = "hours: index 0–23; weekdays: "
            + "index 0 = Monday … 6 = Sunday; ties go to the earlier. format=csv gives the counts as rows.")
    BestTimes bestTimes(@PathVariable String orgId,
                        @Parameter(description = "time zone the hours and weekdays are in, e.g. Africa/Nairobi "
                                + "(default: UTC)") @RequestParam(required = false) String zone,
                        @RequestParam(required = false) String format, HttpServletResponse response) {
        ZoneId in = EngagementRequests.zone(zone);
        BestTimes times;
        try {
            times = queries.bestTimes(orgId, in);
        } catch (IllegalArgumentException unknown) {
            throw DashboardRequests.badRequest("zone: " + unknown.getMessage());
        }
        if (csv(format)) {
            EngagementRequests.BEST_TIMES_CSV.write(response, "engagement-best-times.csv",
                    EngagementRequests.slots(times));
            return null;
        }
        return times;
    }

    private static boolean csv(String format) {
        if (format == null || format.isBlank() || format.strip().equals("json")) {
            return false;
        }
        if (format.strip().equals("csv")) {
            return true;
        }
        throw DashboardRequests.badRequest("format must be csv or json, was '" + format + "'");
    }
}
