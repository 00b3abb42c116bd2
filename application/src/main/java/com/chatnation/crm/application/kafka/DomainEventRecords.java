package com.chatnation.crm.application.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Revision;

/**
 * Turns an Axon event message into the record published on the domain events topic.
 *
 * <ul>
 *   <li>key: the aggregate identifier (so one aggregate's events share a partition, in sequence order); an event
 *       not applied by an aggregate is keyed by its own identifier;</li>
 *   <li>value: the payload as JSON, written by the given {@link ObjectMapper};</li>
 *   <li>headers: {@value #EVENT_TYPE} (payload class simple name), {@value #EVENT_REVISION} (the payload class's
 *       {@link Revision}, else "1"), {@value #ORGANIZATION_ID} (the payload's {@code organizationId()} when it has
 *       one and it is not null), {@value #TIMESTAMP} (ISO-8601), {@value #EVENT_ID}, and for aggregate events
 *       {@value #AGGREGATE_TYPE} and {@value #AGGREGATE_SEQUENCE}.</li>
 * </ul>
 * Thread-safe.
 */
public class DomainEventRecords {

    public static final String EVENT_TYPE = "event-type";
    public static final String EVENT_REVISION = "event-revision";
    public static final String ORGANIZATION_ID = "organization-id";
    public static final String TIMESTAMP = "timestamp";
    public static final String EVENT_ID = "event-id";
    public static final String AGGREGATE_TYPE = "aggregate-type";
    public static final String AGGREGATE_SEQUENCE = "aggregate-sequence";

    private static final ClassValue<Optional<Method>> ORGANIZATION_ACCESSOR = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method accessor = type.getMethod("organizationId");
                if (accessor.getReturnType() == void.class || Modifier.isStatic(accessor.getModifiers())) {
                    return Optional.empty();
                }
                accessor.trySetAccessible();
                return Optional.of(accessor);
            } catch (NoSuchMethodException none) {
                return Optional.empty();
            }
        }
    };

    private final ObjectMapper objectMapper;
    private final String topic;

    public DomainEventRecords(ObjectMapper objectMapper, String topic) {
        this.objectMapper = objectMapper;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    public ProducerRecord<String, byte[]> toRecord(EventMessage<?> event) {
        Object payload = event.getPayload();
        Class<?> type = event.getPayloadType();
        RecordHeaders headers = new RecordHeaders();
        header(headers, EVENT_TYPE, type.getSimpleName());
        header(headers, EVENT_REVISION, revision(type));
        organizationId(payload).ifPresent(organization -> header(headers, ORGANIZATION_ID, organization));
        header(headers, TIMESTAMP, event.getTimestamp().toString());
        header(headers, EVENT_ID, event.getIdentifier());
        String key = event.getIdentifier();
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
            key = domainEvent.getAggregateIdentifier();
            if (domainEvent.getType() != null) {
                header(headers, AGGREGATE_TYPE, domainEvent.getType());
            }
            header(headers, AGGREGATE_SEQUENCE, Long.toString(domainEvent.getSequenceNumber()));
        }
        return new ProducerRecord<>(topic, null, key, json(payload, event.getIdentifier()), headers);
    }

    /** The payload class's {@link Revision}, or "1" when it has none. */
    public static String revision(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null || revision.value() == null || revision.value().isBlank() ? "1" : revision.value();
    }

    /** The payload's {@code organizationId()}, as text, when it has such an accessor returning a value. */
    public static Optional<String> organizationId(Object payload) {
        if (payload == null) {
            return Optional.empty();
        }
        return ORGANIZATION_ACCESSOR.get(payload.getClass()).map(accessor -> {
            try {
                Object value = accessor.invoke(payload);
                return value == null ? null : value.toString();
            } catch (IllegalAccessException | InvocationTargetException e) {
                return null;
            }
        });
    }

    private byte[] json(Object payload, String eventId) {
        try {
            return objectMapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write event " + eventId + " as JSON", e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
