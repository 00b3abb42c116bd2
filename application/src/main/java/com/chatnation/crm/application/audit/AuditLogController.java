package com.chatnation.crm.application.audit;

import com.chatnation.crm.projections.audit.AuditLogQueries;
import com.chatnation.crm.projections.audit.AuditLogQueries.AuditEntry;
import com.chatnation.crm.projections.audit.AuditLogQueries.AuditFilter;
import com.chatnation.crm.projections.audit.AuditMetaData;
import com.chatnation.crm.projections.queries.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.TreeSet;

import static com.chatnation.crm.application.platform.web.DashboardRequests.after;
import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;
import static com.chatnation.crm.application.platform.web.DashboardRequests.limit;
import static com.chatnation.crm.application.platform.web.DashboardRequests.range;
import static com.chatnation.crm.application.audit.AuditLogRequests.text;
import static com.chatnation.crm.application.audit.AuditLogRequests.typeName;

/** Who did what in the calling organization: its audit log, built from the events administrative commands caused. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/audit-log")
@Tag(name = "Dashboard: audit log")
@SecurityRequirement(name = "bearer")
class AuditLogController {

    private final AuditLogQueries auditLog;

    public AuditLogController(AuditLogQueries auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping
    @Operation(summary = "Administrative acts, newest first",
            description = "Each entry names the actor (a user, an API key or the platform), the client address, the "
                    + "action (the event, e.g. SurveyPublished), the resource (its type, e.g. Survey, and id) and the "
                    + "event's details without hashes, passwords, secrets or tokens. Filters match exactly; from is "
                    + "inclusive and to exclusive (a date as to includes that day). Keyset paginated: pass nextCursor "
                    + "back as after.")
    public Page<AuditEntry> entries(@PathVariable String orgId,
                                    @Parameter(description = "user id, API key id, or platform") @RequestParam(required = false) String actorId,
                                    @Parameter(description = "user, api_key or platform") @RequestParam(required = false) String actorType,
                                    @Parameter(description = "event name, e.g. SurveyPublished") @RequestParam(required = false) String action,
                                    @Parameter(description = "aggregate type, e.g. Survey or Wallet") @RequestParam(required = false) String resourceType,
                                    @Parameter(description = "aggregate id, e.g. a survey id") @RequestParam(required = false) String resourceId,
                                    @Parameter(description = "ISO date or date-time, inclusive") @RequestParam(required = false) String from,
                                    @Parameter(description = "ISO date or date-time, exclusive; a date includes that day") @RequestParam(required = false) String to,
                                    @Parameter(description = "page size, 1 to 200, default 50") @RequestParam(required = false) String limit,
                                    @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String after) {
        String kind = actorType == null || actorType.isBlank() ? null : actorType.strip().toLowerCase(Locale.ROOT);
        if (kind != null && !AuditMetaData.ACTOR_TYPES.contains(kind)) {
            throw badRequest("unknown actorType '" + actorType + "': expected one of "
                    + String.join(", ", new TreeSet<>(AuditMetaData.ACTOR_TYPES)));
        }
        var dates = range(from, to);
        var filter = new AuditFilter(text("actorId", actorId, 64), kind,
                typeName("action", action, 100, "SurveyPublished"), typeName("resourceType", resourceType, 64, "Survey"),
                text("resourceId", resourceId, 200), dates.from(), dates.to());
        return auditLog.entries(orgId, filter, limit(limit), after(after));
    }
}
