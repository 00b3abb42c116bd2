package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Records in {@code custom_step_events} the steps of the organizations' step sets ({@link StepSets}) each event
 * reaches. Rows are keyed by set, step and event, so redelivered events, a rebuild and a set's backfill running
 * next to this projection all end with the same rows.
 */
@Component
@ProcessingGroup(CustomStepsProjection.GROUP)
public class CustomStepsProjection {

    public static final String GROUP = "analytics-custom-steps";
    public static final List<String> TABLES = List.of("custom_step_events");

    private final JdbcTemplate jdbc;
    private final StepSets stepSets;

    public CustomStepsProjection(@ReadModelJdbc JdbcTemplate jdbc, StepSets stepSets) {
        this.jdbc = jdbc;
        this.stepSets = stepSets;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        String organizationId = CustomSteps.organizationOf(payload).orElse(null);
        if (organizationId == null) {
            return;
        }
        List<StepSetDefinition> sets = stepSets.of(organizationId);
        if (!sets.isEmpty()) {
            CustomSteps.record(jdbc, CustomSteps.evaluate(organizationId, sets, event));
        }
    }
}
