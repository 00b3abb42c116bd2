package com.chatnation.crm.application.analytics;

import com.chatnation.crm.projections.analytics.StepSetDefinition;
import com.chatnation.crm.projections.analytics.StepSetTemplates;
import com.chatnation.crm.projections.analytics.StepSets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An organization's step sets, kept in {@code crm_config.step_sets} with plain JDBC like funnel definitions: they
 * are questions asked of history, not business facts, so they need no aggregate of their own. Saving one bumps its
 * version and starts its backfill ({@link StepSetBackfills}); the analytics-custom-steps projection reads the table
 * through {@link StepSets}, whose entry for the organization is dropped at once.
 */
@Service
class StepSetDefinitions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StepSets stepSets;
    private final StepSetBackfills backfills;

    StepSetDefinitions(JdbcTemplate jdbc, TransactionTemplate transactions, StepSets stepSets,
                       StepSetBackfills backfills) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.stepSets = stepSets;
        this.backfills = backfills;
    }

    /** A stored set: its definition, the template it came from (if any) and its version. */
    record Stored(StepSetDefinition definition, String template, long version, Instant updatedAt) {
    }

    List<Stored> list(String organizationId) {
        return jdbc.query("SELECT set_key, definition::text AS definition, template, version, updated_at "
                + "FROM crm_config.step_sets WHERE organization_id = ? ORDER BY set_key", (rs, i) -> read(
                rs.getString("set_key"), rs.getString("definition"), rs.getString("template"), rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant()), organizationId);
    }

    Optional<Stored> find(String organizationId, String key) {
        return jdbc.query("SELECT set_key, definition::text AS definition, template, version, updated_at "
                + "FROM crm_config.step_sets WHERE organization_id = ? AND set_key = ?", (rs, i) -> read(
                rs.getString("set_key"), rs.getString("definition"), rs.getString("template"), rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant()), organizationId, key).stream().findFirst();
    }

    /**
     * Defines or replaces a set from the request: {@code {"template":"elevate","name"?,"nameQuestionId"?}} or
     * {@code {"name":…,"steps":[…]}}. Returns the stored set; its backfill has been handed to the background.
     */
    Stored save(String organizationId, String key, JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new StepSetRefusal(HttpStatus.BAD_REQUEST, "body", "the step set must be a JSON object: a template "
                    + "(\"template\") or a name and steps");
        }
        String template = null;
        JsonNode body = request;
        JsonNode templateNode = request.get("template");
        if (templateNode != null && !templateNode.isNull()) {
            template = templateNode.asText();
            if (!templateNode.isTextual() || !StepSetTemplates.ALL.contains(template)) {
                throw new StepSetRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "template", "template '" + templateNode.asText()
                        + "' is not one of " + String.join(", ", StepSetTemplates.ALL));
            }
            if (request.has("steps")) {
                throw new StepSetRefusal(HttpStatus.BAD_REQUEST, "steps", "give either a template or steps, not both");
            }
            JsonNode question = request.get(StepSetTemplates.NAME_QUESTION_OPTION);
            if (question != null && !question.isNull() && (!question.isTextual() || question.asText().isBlank()
                    || question.asText().length() > 64)) {
                throw new StepSetRefusal(HttpStatus.BAD_REQUEST, StepSetTemplates.NAME_QUESTION_OPTION,
                        StepSetTemplates.NAME_QUESTION_OPTION + " must be a question id of 1 to 64 characters");
            }
            ObjectNode filled = StepSetTemplates.body(template, question == null ? null : question.asText())
                    .orElseThrow();
            if (request.hasNonNull("name")) {
                filled.set("name", request.get("name"));
            }
            body = filled;
        }
        StepSetDefinition definition;
        try {
            definition = StepSetDefinition.parse(key, body);
        } catch (StepSetDefinition.Refused refused) {
            throw StepSetRefusal.of(refused);
        }
        String stored = definition.toJson().toString();
        String fromTemplate = template;
        Timestamp now = Timestamp.from(Instant.now());
        long version = transactions.execute(status -> {
            Long v = jdbc.queryForObject("""
                            INSERT INTO crm_config.step_sets (organization_id, set_key, name, template, definition,
                                                              version, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?::jsonb, 1, ?, ?)
                            ON CONFLICT (organization_id, set_key) DO UPDATE SET name = excluded.name,
                                template = excluded.template, definition = excluded.definition,
                                version = crm_config.step_sets.version + 1, updated_at = excluded.updated_at
                            RETURNING version""", Long.class,
                    organizationId, key, definition.name(), fromTemplate, stored, now, now);
            backfills.register(organizationId, key, v);
            return v;
        });
        stepSets.invalidate(organizationId);
        backfills.start(organizationId, definition, version);
        return new Stored(definition, fromTemplate, version, now.toInstant());
    }

    /** Removes a set, its steps and its backfill; false when there was none. */
    boolean delete(String organizationId, String key) {
        Boolean deleted = transactions.execute(status -> {
            boolean any = jdbc.update("DELETE FROM crm_config.step_sets WHERE organization_id = ? AND set_key = ?",
                    organizationId, key) > 0;
            jdbc.update("DELETE FROM crm_config.step_set_backfills WHERE organization_id = ? AND set_key = ?",
                    organizationId, key);
            jdbc.update("DELETE FROM custom_step_events WHERE organization_id = ? AND step_set = ?",
                    organizationId, key);
            return any;
        });
        stepSets.invalidate(organizationId);
        return Boolean.TRUE.equals(deleted);
    }

    private static Stored read(String key, String json, String template, long version, Instant updatedAt) {
        try {
            return new Stored(StepSetDefinition.parse(key, JSON.readTree(json)), template, version, updatedAt);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("step set " + key + " is stored as broken JSON", e);
        }
    }
}
