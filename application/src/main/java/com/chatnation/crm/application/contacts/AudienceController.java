package com.chatnation.crm.application.contacts;

import com.chatnation.crm.projections.queries.AudienceCondition;
import com.chatnation.crm.projections.queries.AudienceQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

import static com.chatnation.crm.application.platform.web.DashboardRequests.notFound;

/** Saved audiences and their previews. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Contacts: audiences")
@SecurityRequirement(name = "bearer")
class AudienceController {

    private final AudienceDefinitions audiences;
    private final AudienceQueries queries;

    AudienceController(AudienceDefinitions audiences, AudienceQueries queries) {
        this.audiences = audiences;
        this.queries = queries;
    }

    /** @param conditions all must hold; none: all contacts */
    record AudienceRequest(String name, List<AudienceCondition> conditions) {
    }

    private static final String CONDITIONS = "Conditions, all of which must hold (none: all contacts): "
            + "{\"type\":\"tag\",\"tags\":[\"vip\",\"donor\"]} (any of these tags), "
            + "{\"type\":\"attribute\",\"key\":\"city\",\"value\":\"Nairobi\"} (any case), "
            + "{\"type\":\"survey\",\"surveyId\":\"…\",\"questionId\":\"…\",\"answer\":\"Yes\"} (respondents; "
            + "question and answer optional), {\"type\":\"event\",\"eventId\":\"…\"} (ticket holders), "
            + "{\"type\":\"active_since\",\"since\":\"2026-11-01T00:00:00Z\"}, "
            + "{\"type\":\"consent\",\"status\":\"opted_in\"}, "
            + "{\"type\":\"engagement\",\"segment\":\"at_risk\"} (the contact's engagement class when the "
            + "audience is resolved: new, active, loyal, at_risk or lapsed).";

    @GetMapping("/audiences")
    @Operation(summary = "The organization's audiences, newest first")
    List<Audience> list(@PathVariable String orgId) {
        return audiences.list(orgId);
    }

    @PostMapping("/audiences")
    @Operation(summary = "Save an audience", description = CONDITIONS)
    ResponseEntity<Audience> create(@PathVariable String orgId, @RequestBody AudienceRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(audiences.create(orgId, request.name(), request.conditions()));
    }

    @GetMapping("/audiences/{audienceId}")
    @Operation(summary = "One audience")
    Audience audience(@PathVariable String orgId, @PathVariable String audienceId) {
        return audiences.find(orgId, id(audienceId)).orElseThrow(() -> missing(audienceId));
    }

    @PutMapping("/audiences/{audienceId}")
    @Operation(summary = "Replace an audience's name and conditions", description = CONDITIONS)
    Audience replace(@PathVariable String orgId, @PathVariable String audienceId,
                     @RequestBody AudienceRequest request) {
        UUID id = id(audienceId);
        return audiences.replace(orgId, id, request.name(), request.conditions()).orElseThrow(() -> missing(audienceId));
    }

    @DeleteMapping("/audiences/{audienceId}")
    @Operation(summary = "Delete an audience")
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String audienceId) {
        if (!audiences.delete(orgId, id(audienceId))) {
            throw missing(audienceId);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/audiences/{audienceId}/preview")
    @Operation(summary = "How many contacts the audience holds now, and the first 20 (by contact id)")
    AudienceQueries.Preview preview(@PathVariable String orgId, @PathVariable String audienceId) {
        Audience audience = audiences.find(orgId, id(audienceId)).orElseThrow(() -> missing(audienceId));
        return queries.preview(orgId, audience.conditions());
    }

    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw missing(raw);
        }
    }

    private static RuntimeException missing(String audienceId) {
        return notFound("no audience " + audienceId + " in this organization");
    }
}
