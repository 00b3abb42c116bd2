package com.chatnation.crm.application.analytics;

import com.chatnation.crm.domain.privacy.PersonalData;
import com.chatnation.crm.projections.analytics.DomainEventTypes;
import com.chatnation.crm.projections.analytics.StepSetDefinition;
import com.chatnation.crm.projections.analytics.StepSetTemplates;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
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

import java.util.Arrays;
import java.util.List;

/**
 * Step sets: steps defined as rules over events, recorded live by the analytics-custom-steps projection and
 * backfilled from the event store when a set is defined or changed. Funnels name their steps as
 * {@code <set>:<step>}.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/step-sets")
@Tag(name = "Analytics: step sets", description = "Steps reached by events that match rules, over all of history.")
@ApiResponses({
        @ApiResponse(responseCode = "401", description = "missing or unknown credentials"),
        @ApiResponse(responseCode = "403", description = "credentials of another organization, or without the role")})
class StepSetController {

    private final StepSetDefinitions definitions;
    private final StepSetViews views;

    StepSetController(StepSetDefinitions definitions, StepSetViews views) {
        this.definitions = definitions;
        this.views = views;
    }

    public record StepSetList(List<StepSetViews.StepSetView> stepSets) {
    }

    public record EventTypeView(String type, boolean namesAContact, List<String> fields) {
    }

    public record TemplateView(String key, JsonNode definition) {
    }

    public record Templates(List<TemplateView> templates, List<String> operators, List<EventTypeView> eventTypes) {
    }

    @GetMapping
    @Operation(summary = "The organization's step sets with their backfills")
    public StepSetList list(@PathVariable String orgId) {
        return new StepSetList(views.list(orgId));
    }

    @GetMapping("/templates")
    @Operation(summary = "Built-in step sets to start from, the operators and the event types rules may name")
    public Templates templates(@PathVariable String orgId,
                               @RequestParam(required = false) String nameQuestionId) {
        List<TemplateView> templates = StepSetTemplates.ALL.stream()
                .map(key -> new TemplateView(key, StepSetTemplates.body(key, nameQuestionId).orElseThrow())).toList();
        List<EventTypeView> types = DomainEventTypes.all().entrySet().stream()
                .map(entry -> new EventTypeView(entry.getKey(), DomainEventTypes.namesAContact(entry.getValue()),
                        // the fields a rule may read: sealed personal data is refused, so it is not offered
                        Arrays.stream(entry.getValue().getRecordComponents())
                                .filter(c -> !c.isAnnotationPresent(PersonalData.class)).map(c -> c.getName())
                                .toList()))
                .toList();
        return new Templates(templates, Arrays.stream(StepSetDefinition.Operator.values())
                .map(StepSetDefinition.Operator::wireName).toList(), types);
    }

    @GetMapping("/{key}")
    @Operation(summary = "A step set and its backfill")
    @ApiResponse(responseCode = "404", description = "no step set with this key")
    public StepSetViews.StepSetView get(@PathVariable String orgId, @PathVariable String key) {
        return views.view(orgId, definitions.find(orgId, key).orElseThrow(() -> notFound(key)));
    }

    @PutMapping("/{key}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Define or replace a step set; its steps are backfilled from history in the background",
            description = "Body: {\"template\":\"elevate\",\"nameQuestionId\":\"q-name\"} or {\"name\":…,\"steps\":"
                    + "[{\"key\":\"hook\",\"name\":\"Hook\",\"events\":[{\"type\":\"MessageReceived\",\"conditions\":"
                    + "[{\"path\":\"context.referral.sourceType\",\"op\":\"eq\",\"value\":\"ad\"}]}]}]}. Replacing "
                    + "a set deletes its recorded steps and backfills them again. Follow GET …/backfill.")
    @ApiResponse(responseCode = "400", description = "malformed definition (the field is named in errors)")
    @ApiResponse(responseCode = "422", description = "an unknown event type or field, or an event type that names "
            + "no contact")
    public StepSetViews.StepSetView define(@PathVariable String orgId, @PathVariable String key,
                                          @RequestBody JsonNode request) {
        return views.view(orgId, definitions.save(orgId, key, request));
    }

    @DeleteMapping("/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a step set and the steps it recorded")
    @ApiResponse(responseCode = "404", description = "no step set with this key")
    public void remove(@PathVariable String orgId, @PathVariable String key) {
        if (!definitions.delete(orgId, key)) {
            throw notFound(key);
        }
    }

    @GetMapping("/{key}/backfill")
    @Operation(summary = "The step set's backfill: running, completed, failed or superseded, events read of the total")
    @ApiResponse(responseCode = "404", description = "no step set with this key")
    public StepSetViews.BackfillView backfill(@PathVariable String orgId, @PathVariable String key) {
        definitions.find(orgId, key).orElseThrow(() -> notFound(key));
        StepSetViews.BackfillView backfill = views.backfill(orgId, key);
        if (backfill == null) {
            throw notFound(key);
        }
        return backfill;
    }

    private static ResponseStatusException notFound(String key) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no step set '" + key + "'");
    }
}
