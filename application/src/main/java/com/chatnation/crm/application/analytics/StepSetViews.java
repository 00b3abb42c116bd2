package com.chatnation.crm.application.analytics;

import com.chatnation.crm.projections.analytics.StepSetDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored step set with its backfill's progress, as the API answers it and the step sets page shows it: one shape
 * for both, so the page and {@code GET step-sets} cannot disagree on the percent or on the funnel names of steps.
 */
@Component
class StepSetViews {

    private final StepSetDefinitions definitions;
    private final StepSetBackfills backfills;

    StepSetViews(StepSetDefinitions definitions, StepSetBackfills backfills) {
        this.definitions = definitions;
        this.backfills = backfills;
    }

    public record StepView(String key, String name, String funnelStep, JsonNode events) {
    }

    public record StepSetView(String key, String name, String template, long version, Instant updatedAt,
                              List<StepView> steps, BackfillView backfill) {
    }

    public record BackfillView(String state, long version, long eventsRead, long eventsTotal, Double percent,
                               long stepsRecorded, Instant startedAt, Instant finishedAt, String error) {

        static BackfillView of(StepSetBackfills.Progress progress) {
            Double percent = null;
            if (progress.eventsTotal() > 0) {
                percent = Math.min(100.0, Math.round(progress.eventsRead() * 1000.0 / progress.eventsTotal()) / 10.0);
            } else if ("completed".equals(progress.state())) {
                percent = 100.0;
            }
            return new BackfillView(progress.state(), progress.version(), progress.eventsRead(),
                    progress.eventsTotal(), percent, progress.stepsRecorded(), progress.startedAt(),
                    progress.finishedAt(), progress.error());
        }

        boolean running() {
            return "running".equals(state);
        }
    }

    List<StepSetView> list(String organizationId) {
        return definitions.list(organizationId).stream().map(stored -> view(organizationId, stored)).toList();
    }

    StepSetView view(String organizationId, StepSetDefinitions.Stored stored) {
        StepSetDefinition definition = stored.definition();
        JsonNode json = definition.toJson();
        List<StepView> steps = new ArrayList<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            StepSetDefinition.Step step = definition.steps().get(i);
            steps.add(new StepView(step.key(), step.name(), step.funnelStep(definition.key()),
                    json.path("steps").path(i).path("events")));
        }
        return new StepSetView(definition.key(), definition.name(), stored.template(), stored.version(),
                stored.updatedAt(), steps, backfill(organizationId, definition.key()));
    }

    BackfillView backfill(String organizationId, String key) {
        return backfills.progress(organizationId, key).map(BackfillView::of).orElse(null);
    }
}
