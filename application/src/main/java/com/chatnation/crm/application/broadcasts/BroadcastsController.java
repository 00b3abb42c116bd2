package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.projections.queries.BroadcastQueries;
import com.chatnation.crm.projections.queries.BroadcastQueries.BroadcastRow;
import com.chatnation.crm.projections.queries.BroadcastQueries.Funnel;
import com.chatnation.crm.projections.queries.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static com.chatnation.crm.application.platform.web.DashboardRequests.after;
import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;
import static com.chatnation.crm.application.platform.web.DashboardRequests.limit;
import static com.chatnation.crm.application.platform.web.DashboardRequests.notFound;

/** The calling organization's broadcasts, and each one's funnel, followed live from its recipients' rows. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/broadcasts")
@Tag(name = "Broadcasts")
@SecurityRequirement(name = "bearer")
class BroadcastsController {

    record BroadcastView(BroadcastRow broadcast, Funnel funnel) {
    }

    private final BroadcastQueries broadcasts;

    BroadcastsController(BroadcastQueries broadcasts) {
        this.broadcasts = broadcasts;
    }

    @GetMapping
    @Operation(summary = "Broadcasts, newest first (keyset paginated)")
    Page<BroadcastRow> list(@PathVariable String orgId, @RequestParam(required = false) String limit,
                            @RequestParam(required = false) String after) {
        return broadcasts.broadcasts(orgId, after(after), limit(limit));
    }

    @GetMapping("/{broadcastId}")
    @Operation(summary = "One broadcast and its funnel",
            description = "audience → suppressed (by reason) → sent → delivered → read → replied, failures by "
                    + "WhatsApp error code, tokens captured and refunded; each stage counts the recipients that "
                    + "reached it or a later one.")
    BroadcastView one(@PathVariable String orgId, @PathVariable String broadcastId) {
        if (broadcastId.length() > 64) {
            throw badRequest("broadcastId is longer than 64 characters");
        }
        BroadcastRow row = broadcasts.broadcast(orgId, broadcastId)
                .orElseThrow(() -> notFound("no broadcast " + broadcastId + " in this organization"));
        return new BroadcastView(row, broadcasts.funnel(orgId, broadcastId));
    }
}
