package com.chatnation.crm.projections.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Like {@link com.chatnation.crm.projections.support.History}, with what the audit log reads besides the payload:
 * the aggregate type and the metadata the command carried.
 */
final class AuditHistory {

    static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = START;

    /** Metadata of a command an organization's user sent from an address. */
    static Map<String, Object> user(String userId, String organizationId) {
        return Map.of(AuditMetaData.ACTOR_TYPE, AuditMetaData.USER, AuditMetaData.ACTOR_ID, userId,
                AuditMetaData.ACTOR_ADDRESS, "203.0.113.7", AuditMetaData.ORGANIZATION_ID, organizationId,
                "traceId", "trace-1");
    }

    /** Metadata naming an actor but no organization. */
    static Map<String, Object> actor(String type, String id) {
        return Map.of(AuditMetaData.ACTOR_TYPE, type, AuditMetaData.ACTOR_ID, id);
    }

    AuditHistory add(String type, String aggregateId, Object payload, Map<String, ?> metaData) {
        clock = clock.plus(Duration.ofMinutes(1));
        return add(type, aggregateId, payload, metaData, clock);
    }

    AuditHistory add(String type, String aggregateId, Object payload, Map<String, ?> metaData, Instant at) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        String id = UUID.nameUUIDFromBytes((aggregateId + "#" + sequence).getBytes(StandardCharsets.UTF_8)).toString();
        events.add(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metaData, id, at));
        return this;
    }

    DomainEventMessage<?> get(int index) {
        return events.get(index);
    }

    List<DomainEventMessage<?>> events() {
        return List.copyOf(events);
    }
}
