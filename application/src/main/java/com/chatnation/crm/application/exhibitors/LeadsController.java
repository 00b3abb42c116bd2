package com.chatnation.crm.application.exhibitors;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.projections.queries.ExhibitorQueries;
import com.chatnation.crm.projections.queries.ExhibitorQueries.ExhibitorRow;
import com.chatnation.crm.projections.queries.ExhibitorQueries.LeadAnalytics;
import com.chatnation.crm.projections.queries.ExhibitorQueries.LeadRow;
import com.chatnation.crm.projections.queries.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Leads: an exhibitor's, as JSON pages or one CSV file, for those who may read them (owners and admins every
 * exhibitor's, exhibitor staff only their own); and an event's lead analytics.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Exhibitors and leads")
@SecurityRequirement(name = "bearer")
class LeadsController {

    static final CsvDownload<LeadRow> CSV = CsvDownload.of(
            List.of("captured_at", "phone", "name", "products", "note", "visits", "last_visit_at", "contact_id",
                    "stage"),
            List.of(LeadRow::createdAt, LeadRow::contactPhone, LeadRow::contactName,
                    lead -> String.join("; ", lead.products()), LeadRow::note, LeadRow::visits,
                    LeadRow::lastVisitAt, LeadRow::contactId, LeadRow::stage));

    private final Exhibitors exhibitors;
    private final ExhibitorQueries queries;

    LeadsController(Exhibitors exhibitors, ExhibitorQueries queries) {
        this.exhibitors = exhibitors;
        this.queries = queries;
    }

    @GetMapping("/exhibitors")
    @Operation(summary = "The exhibitors whose leads you may read: every one for owners and admins, your own for "
            + "exhibitor staff")
    List<ExhibitorRow> readable(@PathVariable String orgId, @AuthenticationPrincipal CrmPrincipal caller) {
        return exhibitors.readableExhibitors(caller, orgId);
    }

    @GetMapping("/exhibitors/{exhibitorId}/leads")
    @Operation(summary = "The exhibitor's leads, newest first: who shared their contact at the booth, the products "
            + "that interest them and their note", description = "404 for an exhibitor whose leads you may not read")
    Page<LeadRow> leads(@PathVariable String orgId, @PathVariable String exhibitorId,
                        @RequestParam(required = false) String limit, @RequestParam(required = false) String after,
                        @AuthenticationPrincipal CrmPrincipal caller) {
        exhibitors.requireLeadsReadable(caller, orgId, exhibitorId);
        return queries.leads(orgId, exhibitorId, DashboardRequests.after(after), DashboardRequests.limit(limit));
    }

    @GetMapping("/exhibitors/{exhibitorId}/leads/export")
    @Operation(summary = "The exhibitor's leads as a CSV file (UTF-8), newest first")
    void export(@PathVariable String orgId, @PathVariable String exhibitorId,
                @AuthenticationPrincipal CrmPrincipal caller, HttpServletResponse response) {
        JdbcExhibitorCatalog.Entry entry = exhibitors.requireLeadsReadable(caller, orgId, exhibitorId);
        CSV.write(response, "leads-" + entry.boothCode() + ".csv", EveryRow.of(cursor ->
                queries.leads(orgId, exhibitorId, cursor, DashboardRequests.MAX_PAGE_SIZE)));
    }

    /** The stage to move a lead to: new, contacted, qualified, won or lost. */
    record StageRequest(@NotBlank @Size(max = 16) String stage) {
    }

    record StageMoved(String leadId, String stage, boolean moved) {
    }

    @PutMapping("/exhibitors/{exhibitorId}/leads/{leadId}/stage")
    @Operation(summary = "Move one of the exhibitor's leads along its follow-up (new, contacted, qualified, won, lost)",
            description = "404 for a lead of an exhibitor whose leads you may not read; 422 unknown_stage")
    StageMoved moveStage(@PathVariable String orgId, @PathVariable String exhibitorId, @PathVariable String leadId,
                         @Valid @RequestBody StageRequest request, @AuthenticationPrincipal CrmPrincipal caller) {
        boolean moved = exhibitors.moveLead(caller, orgId, exhibitorId, leadId, request.stage());
        return new StageMoved(leadId, request.stage().strip().toLowerCase(java.util.Locale.ROOT), moved);
    }

    @GetMapping("/events/{eventId}/lead-analytics")
    @Operation(summary = "The event's leads: per exhibitor, per hour (UTC), and the visitors of several booths")
    LeadAnalytics analytics(@PathVariable String orgId, @PathVariable String eventId) {
        if (!queries.eventExists(orgId, eventId)) {
            throw ExhibitorRefusal.notFound("no event " + eventId);
        }
        return queries.analytics(orgId, eventId);
    }
}
