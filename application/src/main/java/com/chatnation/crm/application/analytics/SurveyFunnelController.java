package com.chatnation.crm.application.analytics;

import com.chatnation.crm.projections.analytics.SurveyFunnelQueries;
import com.chatnation.crm.projections.analytics.SurveyFunnelReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;

/** A survey's drop-off question by question, computed from {@code journey_events} when asked for. */
@RestController
@Tag(name = "Analytics: funnels")
@ApiResponses({
        @ApiResponse(responseCode = "401", description = "missing or unknown API key"),
        @ApiResponse(responseCode = "403", description = "the API key belongs to another organization")})
class SurveyFunnelController {

    private final SurveyFunnelQueries queries;
    private final Clock clock = Clock.systemUTC();

    public SurveyFunnelController(SurveyFunnelQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/orgs/{orgId}/survey-funnels/{surveyId}")
    @Operation(summary = "Drop-off per question of a survey",
            description = "Over the responses started in the date range: started, completed, abandoned and in "
                    + "progress, and per question (in the survey's order) how many responses were asked it "
                    + "(reached), answered it, skipped it (optional questions) or were abandoned at it (droppedOff).")
    @ApiResponse(responseCode = "400", description = "bad dates, from after to, or a range over 366 days")
    @ApiResponse(responseCode = "404", description = "the organization has no such survey")
    public SurveyFunnelReport surveyFunnel(
            @PathVariable String orgId, @PathVariable String surveyId,
            @Parameter(description = "first UTC day, YYYY-MM-DD (default: 29 days before to)")
            @RequestParam(required = false) String from,
            @Parameter(description = "last UTC day, included, YYYY-MM-DD (default: today)")
            @RequestParam(required = false) String to) {
        DateRange range = DateRange.parse(from, to, clock);
        return queries.compute(orgId, surveyId, range.from(), range.to())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no survey '" + surveyId + "'"));
    }
}
