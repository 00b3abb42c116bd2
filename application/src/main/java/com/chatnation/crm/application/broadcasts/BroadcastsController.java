package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.domain.broadcast.BroadcastHeader;
import com.chatnation.crm.domain.broadcast.ParameterBinding;
import com.chatnation.crm.projections.queries.BroadcastQueries;
import com.chatnation.crm.projections.queries.BroadcastQueries.BroadcastRow;
import com.chatnation.crm.projections.queries.BroadcastQueries.Funnel;
import com.chatnation.crm.projections.queries.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

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

    /**
     * {@code parameters}: where each body parameter's value comes from, e.g.
     * {@code {"source":"name","fallback":"friend"}}, {@code {"source":"attribute","key":"city","fallback":"Nairobi"}},
     * {@code {"source":"text","fallback":"Friday"}}; {@code name} for templates with named parameters.
     * {@code header}: the file of a media header, {@code {"format":"IMAGE","link":"https://…/poster.jpg"}}.
     */
    record DraftRequest(String name, String templateId, List<ParameterBinding> parameters, BroadcastHeader header,
                        String audienceId, String callbackData) {
    }

    record Drafted(String broadcastId) {
    }

    record ScheduleRequest(String sendAt) {
    }

    record CancelRequest(String reason) {
    }

    private final BroadcastQueries broadcasts;
    private final BroadcastDrafts drafts;
    private final BroadcastStarts starts;

    BroadcastsController(BroadcastQueries broadcasts, BroadcastDrafts drafts, BroadcastStarts starts) {
        this.broadcasts = broadcasts;
        this.drafts = drafts;
        this.starts = starts;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Draft a broadcast of an approved template to a saved audience",
            description = "404 for an unknown template or audience, 422 for a template not approved (yet).")
    Drafted draft(@PathVariable String orgId, @RequestBody DraftRequest request) {
        if (request == null || request.templateId() == null || request.templateId().isBlank()) {
            throw badRequest("templateId is required");
        }
        return new Drafted(drafts.draft(orgId, request.name(), request.templateId(), request.parameters(),
                request.header(), request.audienceId(), request.callbackData()));
    }

    @PostMapping("/{broadcastId}/schedule")
    @Operation(summary = "Send the broadcast at a later time (ISO date-time); a later call moves it")
    void schedule(@PathVariable String orgId, @PathVariable String broadcastId,
                  @RequestBody ScheduleRequest request) {
        Instant sendAt;
        try {
            sendAt = Instant.parse(request == null || request.sendAt() == null ? "" : request.sendAt());
        } catch (DateTimeParseException notATime) {
            throw badRequest("sendAt: an ISO date-time such as 2026-12-24T08:00:00Z is required");
        }
        drafts.schedule(orgId, broadcastId, sendAt);
    }

    @PostMapping("/{broadcastId}/send")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send the broadcast now",
            description = "Takes the audience as it is now, leaves out who must not receive it (opted out of "
                    + "marketing, no consent), reserves the template's price for everyone else and starts sending "
                    + "in the background (follow it with GET). 402 with the shortfall when the wallet cannot cover "
                    + "it, 422 when nobody is left to send to, 409 once it started or was cancelled.")
    BroadcastStarts.Started send(@PathVariable String orgId, @PathVariable String broadcastId) {
        if (broadcastId.length() > 64) {
            throw badRequest("broadcastId is longer than 64 characters");
        }
        return starts.start(orgId, broadcastId);
    }

    @PostMapping("/{broadcastId}/cancel")
    @Operation(summary = "Cancel the broadcast: nothing more is sent (what was sent stays sent)")
    void cancel(@PathVariable String orgId, @PathVariable String broadcastId,
                @RequestBody(required = false) CancelRequest request) {
        String reason = request == null ? null : request.reason();
        if (reason != null && reason.length() > 500) {
            throw badRequest("reason: at most 500 characters");
        }
        drafts.cancel(orgId, broadcastId, reason);
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
