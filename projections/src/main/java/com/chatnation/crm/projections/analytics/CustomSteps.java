package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Evaluates step sets against events, for the live projection and a backfill alike, so both record the very same
 * rows. The payload is turned into JSON (Jackson, dates as ISO text) only when one of the organization's sets names
 * its type.
 */
public final class CustomSteps {

    static final String INSERT = """
            INSERT INTO custom_step_events (organization_id, step_set, step, contact_id, event_id, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (step_set, step, event_id) DO NOTHING""";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final ClassValue<Optional<Method>> ORGANIZATION = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method accessor = type.getMethod("organizationId");
                if (accessor.getReturnType() != String.class || Modifier.isStatic(accessor.getModifiers())) {
                    return Optional.empty();
                }
                accessor.trySetAccessible();
                return Optional.of(accessor);
            } catch (NoSuchMethodException none) {
                return Optional.empty();
            }
        }
    };

    /** One step of one set reached by one event. */
    public record Reached(String organizationId, String stepSet, String step, UUID contactId, String eventId,
                          Instant occurredAt) {

        Object[] arguments() {
            return new Object[]{organizationId, stepSet, step, contactId, eventId, Timestamp.from(occurredAt)};
        }
    }

    private CustomSteps() {
    }

    /** The event's organization (its payload's {@code organizationId()}), when it has one. */
    public static Optional<String> organizationOf(Object payload) {
        if (payload == null) {
            return Optional.empty();
        }
        return ORGANIZATION.get(payload.getClass()).map(accessor -> {
            try {
                return (String) accessor.invoke(payload);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        });
    }

    /** The steps of {@code sets} (all of the event's organization) the event reaches. */
    public static List<Reached> evaluate(String organizationId, List<StepSetDefinition> sets, EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload == null || sets.isEmpty()) {
            return List.of();
        }
        String type = payload.getClass().getSimpleName();
        JsonNode json = null;
        List<Reached> reached = new ArrayList<>(0);
        for (StepSetDefinition set : sets) {
            if (!set.eventTypes().contains(type)) {
                continue;
            }
            if (json == null) {
                json = JSON.valueToTree(payload);
            }
            UUID contact = contactOf(organizationId, json);
            if (contact == null) {
                return List.of();
            }
            for (StepSetDefinition.Step step : set.stepsReachedBy(type, json)) {
                reached.add(new Reached(organizationId, set.key(), step.key(), contact, event.getIdentifier(),
                        event.getTimestamp()));
            }
        }
        return reached;
    }

    /** Records the steps through the given template (the projection's queued writes, or a backfill's batch). */
    public static void record(JdbcTemplate jdbc, List<Reached> reached) {
        for (Reached row : reached) {
            jdbc.update(INSERT, row.arguments());
        }
    }

    /** Records many steps as one JDBC batch. */
    public static void recordBatch(JdbcTemplate jdbc, List<Reached> reached) {
        if (!reached.isEmpty()) {
            jdbc.batchUpdate(INSERT, reached.stream().map(Reached::arguments).toList());
        }
    }

    private static UUID contactOf(String organizationId, JsonNode payload) {
        JsonNode contact = payload.get("contactId");
        if (contact == null || !contact.isTextual() || contact.asText().isBlank()) {
            return null;
        }
        try {
            return ContactIds.of(contact.asText());
        } catch (IllegalArgumentException phoneNumber) {
            return ContactIds.legacy(organizationId, contact.asText());
        }
    }
}
