package com.chatnation.crm.application.analytics;

import com.chatnation.crm.projections.analytics.FunnelBreakdown;
import com.chatnation.crm.projections.analytics.FunnelDefinition;
import com.chatnation.crm.projections.analytics.FunnelQueries;
import com.chatnation.crm.projections.analytics.FunnelReport;
import com.chatnation.crm.projections.analytics.JourneySteps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static com.chatnation.crm.application.analytics.FunnelDefinitions.badRequest;

/**
 * Funnels for dashboards. Every figure is computed from {@code journey_events} when asked for, so a funnel defined
 * or changed a moment ago already covers the whole history.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/funnels")
@Tag(name = "Analytics: funnels", description = "Conversion funnels over the steps contacts reach. Authenticate "
        + "with the organization's API key: Authorization: Bearer <key>.")
@ApiResponses({
        @ApiResponse(responseCode = "401", description = "missing or unknown API key"),
        @ApiResponse(responseCode = "403", description = "the API key belongs to another organization")})
class FunnelController {

    private final FunnelDefinitions definitions;
    private final FunnelQueries queries;
    private final Clock clock = Clock.systemUTC();

    public FunnelController(FunnelDefinitions definitions, FunnelQueries queries) {
        this.definitions = definitions;
        this.queries = queries;
    }

    @Schema(description = "A funnel definition")
    public record FunnelView(
            @Schema(example = "engagement") String key,
            @Schema(example = "Engagement") String name,
            @Schema(description = "journey step names, in order", example = "[\"first_message\", \"menu_opened\"]")
            List<String> steps,
            @Schema(description = "ISO-8601 duration a contact has, from entering the first step, to reach the "
                    + "others", example = "P7D") String conversionWindow,
            long conversionWindowSeconds,
            @Schema(description = "true for a built-in funnel the organization has not replaced") boolean builtIn) {

        static FunnelView of(FunnelDefinition funnel) {
            return new FunnelView(funnel.key(), funnel.name(), funnel.steps(), iso(funnel.conversionWindow()),
                    funnel.conversionWindow().toSeconds(), funnel.builtIn());
        }

        private static String iso(Duration window) {
            return window.toSeconds() % 86_400 == 0 ? "P" + window.toDays() + "D" : window.toString();
        }
    }

    public record FunnelList(List<FunnelView> funnels,
                             @Schema(description = "step names the service records; custom funnels may name others")
                             List<String> knownSteps) {
    }

    @Schema(description = "A funnel defined or replaced")
    public record FunnelRequest(
            @Schema(example = "Signup to paid") String name,
            @Schema(example = "[\"signup\", \"activation\", \"trial\", \"paid\"]") List<String> steps,
            @Schema(description = "ISO-8601 duration, PT1M to P366D", example = "P14D") String conversionWindow) {
    }

    @Schema(description = "A funnel computed over the contacts who entered its first step in the date range. On the "
            + "last step, and where nothing can be computed, converted/conversionPercent/dropOff/"
            + "medianSecondsToConvert are left out.")
    public record FunnelResult(FunnelView funnel, LocalDate from, LocalDate to,
                               @Schema(example = "source") String breakdown, long contacts,
                               Double overallConversionPercent, List<FunnelReport.StepFigures> steps,
                               List<FunnelReport.Group> groups) {
    }

    @GetMapping
    @Operation(summary = "List the organization's funnels: the built-in engagement and ticket funnels and its own")
    public FunnelList list(@PathVariable String orgId) {
        return new FunnelList(definitions.list(orgId).stream().map(FunnelView::of).toList(), JourneySteps.ALL);
    }

    @GetMapping("/{key}")
    @Operation(summary = "Compute a funnel for a date range",
            description = "Contacts enter at their first first-step event in the range; a contact converts to the "
                    + "next step when they reach it after the previous one and within the conversion window from "
                    + "entry. Per step: contacts entered, converted to the next step, conversion %, drop-off and "
                    + "median seconds to convert. breakdown=source groups by the source of the entry (else of the "
                    + "contact's first message: ad:<id>, keyword:<word>, direct); breakdown=cohort by the week "
                    + "(Monday, UTC) of the contact's first message.")
    @ApiResponse(responseCode = "400", description = "unknown funnel or breakdown, bad dates, from after to, or a "
            + "range over 366 days")
    public FunnelResult compute(
            @PathVariable String orgId, @PathVariable String key,
            @Parameter(description = "first UTC day, YYYY-MM-DD (default: 29 days before to)")
            @RequestParam(required = false) String from,
            @Parameter(description = "last UTC day, included, YYYY-MM-DD (default: today)")
            @RequestParam(required = false) String to,
            @Parameter(description = "none (default), source or cohort")
            @RequestParam(required = false) String breakdown) {
        FunnelBreakdown by = FunnelBreakdown.parse(breakdown).orElseThrow(() -> badRequest("unknown breakdown '"
                + breakdown + "'; use one of " + Arrays.stream(FunnelBreakdown.values())
                .map(FunnelBreakdown::parameter).collect(Collectors.joining(", "))));
        DateRange range = DateRange.parse(from, to, clock);
        FunnelDefinition funnel = definitions.find(orgId, key).orElseThrow(() -> badRequest("unknown funnel '" + key
                + "'; this organization has " + definitions.list(orgId).stream().map(FunnelDefinition::key)
                .collect(Collectors.joining(", "))));
        FunnelReport report = queries.compute(orgId, funnel, range.from(), range.to(), by);
        return new FunnelResult(FunnelView.of(funnel), report.from(), report.to(), report.breakdown(),
                report.contacts(), report.overallConversionPercent(), report.steps(), report.groups());
    }

    @PutMapping("/{key}")
    @Operation(summary = "Define or replace a funnel",
            description = "Steps are journey step names (see knownSteps in the list; others are accepted for steps "
                    + "recorded later). A built-in key replaces that funnel for this organization. The funnel is "
                    + "computed from history when read, so the new definition applies to all past events at once.")
    @ApiResponse(responseCode = "400", description = "invalid key, name, steps or conversion window")
    public FunnelView define(@PathVariable String orgId, @PathVariable String key,
                             @RequestBody FunnelRequest request) {
        return FunnelView.of(definitions.save(orgId, key, request.name(), request.steps(),
                request.conversionWindow()));
    }

    @DeleteMapping("/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a custom funnel; a replaced built-in funnel comes back")
    @ApiResponse(responseCode = "404", description = "the organization has no custom funnel with this key")
    public void remove(@PathVariable String orgId, @PathVariable String key) {
        if (!definitions.delete(orgId, key)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no custom funnel '" + key + "'");
        }
    }
}
