package com.chatnation.crm.application.audit;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.projections.audit.AuditLogQueries;
import com.chatnation.crm.projections.audit.AuditLogQueries.AuditEntry;
import com.chatnation.crm.projections.audit.AuditLogQueries.AuditFilter;
import com.chatnation.crm.projections.audit.AuditMetaData;
import com.chatnation.crm.projections.queries.InvalidCursorException;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.staff.ApiKeyRow;
import com.chatnation.crm.projections.staff.StaffDirectory;
import com.chatnation.crm.projections.staff.StaffMemberRow;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import static com.chatnation.crm.application.audit.AuditLogRequests.text;
import static com.chatnation.crm.application.audit.AuditLogRequests.typeName;

/**
 * The audit log with the API's filters (actor, actor type, action, resource type and id, a date range), a page at a
 * time and as CSV. Actors are named as the team knows them: a member's name, an API key's name. A filter the API
 * would refuse is shown next to the form, with no rows.
 */
@DashboardPage
class AuditPage {

    private static final int ROWS_PER_PAGE = 50;
    private static final int EXPORT_CHUNK = 1000;
    private static final int KNOWN_ACTIONS = 200;

    /** The filters as the form sends them back (dates as {@code yyyy-MM-dd}). */
    record Filters(String actorId, String actorType, String action, String resourceType, String resourceId,
                   String from, String to) {
    }

    /** An entry as the page shows it: the actor's name beside the entry. */
    record Row(AuditEntry entry, String actorName) {
    }

    private static final CsvDownload<Row> LOG = CsvDownload.of(
            List.of("occurred_at", "actor_type", "actor_id", "actor_name", "actor_address", "action", "resource_type",
                    "resource_id", "details"),
            List.<Function<Row, Object>>of(row -> row.entry().occurredAt(), row -> row.entry().actorType(),
                    row -> row.entry().actorId(), Row::actorName, row -> row.entry().actorAddress(),
                    row -> row.entry().action(), row -> row.entry().resourceType(), row -> row.entry().resourceId(),
                    row -> row.entry().details() == null ? null : row.entry().details().toString()));

    private final AuditLogQueries auditLog;
    private final StaffDirectory staff;

    AuditPage(AuditLogQueries auditLog, StaffDirectory staff) {
        this.auditLog = auditLog;
        this.staff = staff;
    }

    @GetMapping("/app/audit")
    String audit(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String actorId,
                 @RequestParam(required = false) String actorType, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String resourceType,
                 @RequestParam(required = false) String resourceId, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
                 @RequestParam(required = false) String format, Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        Filters filters = new Filters(blankToNull(actorId), blankToNull(actorType), blankToNull(action),
                blankToNull(resourceType), blankToNull(resourceId), blankToNull(from), blankToNull(to));
        Map<String, String> actors = actors(organization);
        model.addAttribute("filters", filters);
        model.addAttribute("actors", actors);
        model.addAttribute("actorTypes", new TreeSet<>(AuditMetaData.ACTOR_TYPES));
        model.addAttribute("actions", auditLog.actions(organization, KNOWN_ACTIONS));

        AuditFilter filter;
        try {
            filter = filter(filters);
        } catch (ResponseStatusException refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("filterError", refused.getReason());
            model.addAttribute("rows", List.of());
            model.addAttribute("nextCursor", null);
            return "audit/audit";
        }
        Function<AuditEntry, Row> named = entry -> new Row(entry, actors.get(entry.actorId()));
        if ("csv".equals(format)) {
            LOG.write(response, "audit-log.csv", EveryRow.of(after -> {
                Page<AuditEntry> chunk = auditLog.entries(organization, filter, EXPORT_CHUNK, after);
                return new Page<>(chunk.items().stream().map(named).toList(), chunk.nextCursor());
            }));
            return null;
        }
        Page<AuditEntry> page;
        try {
            page = auditLog.entries(organization, filter, ROWS_PER_PAGE, PageCursor.parse(cursor));
        } catch (InvalidCursorException mangled) {
            page = auditLog.entries(organization, filter, ROWS_PER_PAGE, null);
        }
        model.addAttribute("rows", page.items().stream().map(named).toList());
        model.addAttribute("nextCursor", page.nextCursor());
        return "audit/audit";
    }

    /** The same checks as the API's parameters; a refusal names the filter. */
    private static AuditFilter filter(Filters filters) {
        String kind = filters.actorType() == null ? null : filters.actorType().toLowerCase(Locale.ROOT);
        if (kind != null && !AuditMetaData.ACTOR_TYPES.contains(kind)) {
            throw DashboardRequests.badRequest("unknown actor type '" + filters.actorType() + "'");
        }
        var dates = DashboardRequests.range(filters.from(), filters.to());
        return new AuditFilter(text("actorId", filters.actorId(), 64), kind,
                typeName("action", filters.action(), 100, "SurveyPublished"),
                typeName("resourceType", filters.resourceType(), 64, "Survey"),
                text("resourceId", filters.resourceId(), 200), dates.from(), dates.to());
    }

    /** Who can act in the organization, by id: its members (also former ones) and its API keys. */
    private Map<String, String> actors(String organization) {
        Map<String, String> actors = new LinkedHashMap<>();
        for (StaffMemberRow member : staff.members(organization)) {
            actors.put(member.id(), member.displayName() != null ? member.displayName()
                    : member.email() != null ? member.email() : member.phone());
        }
        for (ApiKeyRow key : staff.apiKeys(organization)) {
            actors.put(key.id(), key.name());
        }
        actors.put(AuditMetaData.PLATFORM, AuditMetaData.PLATFORM);
        return actors;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
