package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.SurveyQueries;
import com.chatnation.crm.projections.queries.SurveyQueries.SurveyRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static com.chatnation.crm.application.platform.web.DashboardRequests.after;
import static com.chatnation.crm.application.platform.web.DashboardRequests.limit;
import static com.chatnation.crm.application.platform.web.DashboardRequests.notFound;
import static com.chatnation.crm.application.platform.web.DashboardRequests.range;

/** The calling organization's surveys and their results. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/surveys")
@Tag(name = "Dashboard: surveys")
@SecurityRequirement(name = "bearer")
class SurveysController {

    private final SurveyQueries surveys;

    public SurveysController(SurveyQueries surveys) {
        this.surveys = surveys;
    }

    @GetMapping
    @Operation(summary = "Surveys, newest first, with how many responses they got and how many completed")
    public Page<SurveyRow> surveys(@PathVariable String orgId, @RequestParam(required = false) String limit,
                                   @RequestParam(required = false) String after) {
        return surveys.surveys(orgId, after(after), limit(limit));
    }

    @GetMapping("/{surveyId}/results")
    @Operation(summary = "Per-question answer distributions, completion, abandonment and sentiment",
            description = "Over the responses started in [from, to); both optional, ISO dates or date-times.")
    public SurveyResults results(@PathVariable String orgId, @PathVariable String surveyId,
                                 @Parameter(description = "ISO date or date-time, inclusive") @RequestParam(required = false) String from,
                                 @Parameter(description = "ISO date or date-time, exclusive; a date includes that day") @RequestParam(required = false) String to) {
        var dates = range(from, to);
        var survey = surveys.definition(orgId, surveyId)
                .orElseThrow(() -> notFound("no survey " + surveyId + " in this organization"));
        return SurveyResults.read(surveys, orgId, survey, dates.from(), dates.to());
    }
}
