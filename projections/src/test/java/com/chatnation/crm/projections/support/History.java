package com.chatnation.crm.projections.support;

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
 * A scripted event history: each event gets the next sequence number of its aggregate, a deterministic
 * identifier and a timestamp one minute after the previous event's, as the event store would deliver them.
 */
public final class History {

    public static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = START;

    public History add(String aggregateId, Object payload) {
        clock = clock.plus(Duration.ofMinutes(1));
        return add(aggregateId, payload, clock);
    }

    public History add(String aggregateId, Object payload, Instant at) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        String id = UUID.nameUUIDFromBytes((aggregateId + "#" + sequence).getBytes(StandardCharsets.UTF_8)).toString();
        events.add(new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence, payload, Map.of(), id, at));
        return this;
    }

    /** The time of the event at this position (0-based). */
    public Instant timeOf(int index) {
        return events.get(index).getTimestamp();
    }

    public DomainEventMessage<?> get(int index) {
        return events.get(index);
    }

    public List<DomainEventMessage<?>> events() {
        return List.copyOf(events);
    }
}
