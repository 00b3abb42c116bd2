package com.chatnation.crm.application.platform.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Revision;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Turns Axon event messages into records of the domain events format and sends them: used by
 * {@link DomainEventPublisher} for the domain events topic and by the history republisher for any topic.
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
 * Thread-safe. Sends go through the service's {@code acks=all}, idempotent producer, so records of one key keep the
 * order in which they were sent.
 */
public class DomainEventRecords implements DisposableBean {

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
    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaAdmin admin;
    private final CrmKafkaProperties settings;
    private KafkaTemplate<String, byte[]> inOrder;

    /**
     * @param admin    creates missing topics; null when topics must not be created ({@code spring.kafka.admin.auto-create})
     * @param settings partitions and replicas of created topics
     */
    public DomainEventRecords(ObjectMapper objectMapper, KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin,
                              CrmKafkaProperties settings) {
        this.objectMapper = objectMapper;
        this.kafka = kafka;
        this.admin = admin;
        this.settings = settings;
    }

    /** Sends the event's record to {@code topic}; the future completes when Kafka acknowledged it. */
    public CompletableFuture<SendResult<String, byte[]>> send(String topic, EventMessage<?> event) {
        return kafka.send(toRecord(topic, event));
    }

    /**
     * Sends like {@link #send}, for many records at a time, through a producer of its own ({@code crm-republish})
     * with one request in flight per broker: a batch that a partition refuses (as a topic created a moment ago may,
     * while its leader settles) is retried before any later batch can overtake it, so the order per aggregate holds
     * even on a new topic.
     */
    public CompletableFuture<SendResult<String, byte[]>> sendInBulk(String topic, EventMessage<?> event) {
        return inOrder().send(toRecord(topic, event));
    }

    private synchronized KafkaTemplate<String, byte[]> inOrder() {
        if (inOrder == null) {
            inOrder = new KafkaTemplate<>(kafka.getProducerFactory(), Map.of(
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                    ProducerConfig.CLIENT_ID_CONFIG, "crm-republish"));
        }
        return inOrder;
    }

    @Override
    public synchronized void destroy() {
        if (inOrder != null) {
            inOrder.destroy();
        }
    }

    /** Creates {@code topic} when it is missing; an existing topic is left as it is, partitions included. */
    public void createTopicIfMissing(String topic) {
        if (admin == null) {
            return;
        }
        try {
            admin.describeTopics(topic);
        } catch (KafkaException missing) {
            admin.createOrModifyTopics(settings.newTopic(topic));
        }
    }

    public ProducerRecord<String, byte[]> toRecord(String topic, EventMessage<?> event) {
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
