package com.chatnation.crm.application.polls;

import com.chatnation.crm.application.platform.web.DashboardRequests;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.PollQueries;
import com.chatnation.crm.projections.queries.PollQueries.PollResults;
import com.chatnation.crm.projections.queries.PollQueries.PollRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** An organization's polls: created with their options and times, closed early, read with live results. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/polls")
@Tag(name = "Polls")
@SecurityRequirement(name = "bearer")
class PollsController {

    private final Polls polls;
    private final PollQueries queries;
    private final KnownOrganizations organizations;
    private final PollSends sends;

    PollsController(Polls polls, PollQueries queries, KnownOrganizations organizations, PollSends sends) {
        this.sends = sends;
        this.polls = polls;
        this.queries = queries;
        this.organizations = organizations;
    }

    record Created(String pollId) {
    }

    record Closed(String pollId, Instant closedAt) {
    }

    /** {@code reengageTemplate}: an approved template sent instead to contacts whose 24-hour window is closed. */
    record SendRequest(@jakarta.validation.constraints.NotNull java.util.UUID audienceId,
                       @jakarta.validation.constraints.Size(max = 512) String reengageTemplate) {
    }

    @GetMapping
    @Operation(summary = "The organization's polls, newest first, each with its status (scheduled, open, closed)")
    Page<PollRow> list(@PathVariable String orgId, @RequestParam(required = false) String limit,
                       @RequestParam(required = false) String after) {
        return queries.polls(orgId, DashboardRequests.after(after), DashboardRequests.limit(limit));
    }

    @GetMapping("/{pollId}")
    @Operation(summary = "One poll with its results: votes and percentages per option")
    PollResults one(@PathVariable String orgId, @PathVariable String pollId) {
        return queries.results(orgId, pollId).orElseThrow(() -> PollRefusal.notFound(pollId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a poll of 2 to 10 options",
            description = "Contacts are shown it by typing its keyword, as buttons (up to 3 options of up to 20 "
                    + "characters) or a list, and vote by tapping. 409 when the keyword starts a survey or belongs "
                    + "to another open poll; 422 naming the rule a poll breaks.")
    Created create(@PathVariable String orgId, @Valid @RequestBody PollRequest request) {
        organizations.require(orgId);
        return new Created(polls.create(orgId, request));
    }

    @PostMapping("/{pollId}/sends")
    @Operation(summary = "Send an open poll to a saved audience as its ballot (buttons or a list)",
            description = "To contacts who have written to the organization and not opted out of marketing; outside "
                    + "a contact's 24-hour window the re-engagement template named goes instead (none: that contact's "
                    + "ballot expires). Billed polls/send_poll each. 409 when the poll is closed or not open yet, or "
                    + "the audience is larger than 5,000; 404 for an unknown poll or audience.")
    PollSends.Outcome send(@PathVariable String orgId, @PathVariable String pollId,
                           @Valid @RequestBody SendRequest request) {
        organizations.require(orgId);
        String template = request.reengageTemplate() == null || request.reengageTemplate().isBlank() ? null
                : request.reengageTemplate().strip();
        return sends.send(orgId, pollId, request.audienceId(), template, Instant.now());
    }

    @PostMapping("/{pollId}/close")
    @Operation(summary = "Close a poll now; later votes are answered and not counted (409 when already closed)")
    Closed close(@PathVariable String orgId, @PathVariable String pollId) {
        return new Closed(pollId, polls.close(orgId, pollId));
    }
}
