package com.chatnation.crm.application.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Publishes every domain event to the domain events topic (see {@link DomainEventRecords} for the record).
 *
 * <p>It is the only handler of the tracking processor {@value #GROUP}. Each event is sent and acknowledged before
 * the handler returns, so the processor's token advances only past events Kafka has; a failed send throws, and
 * {@link KafkaConfiguration} makes the processor propagate that error, so it retries from the same event instead
 * of skipping it (at least once). Axon's default sequencing policy keeps one aggregate's events in order and the
 * record key is the aggregate id, so the order per aggregate holds in Kafka too.
 *
 * <p>Replays of projections do not publish again ({@link DisallowReplay}). On the first start the processor's
 * token begins at the head of the event store, so the existing history is published once.
 */
@Component
@Conditional(KafkaConfigured.class)
@ProcessingGroup(DomainEventPublisher.GROUP)
@DisallowReplay
public class DomainEventPublisher {

    public static final String GROUP = "kafka-domain-events";

    private final DomainEventRecords records;
    private final Producer<String, byte[]> producer;
    private final Duration sendTimeout;

    @Autowired
    public DomainEventPublisher(DomainEventRecords records, Producer<String, byte[]> kafkaProducer,
                                CrmKafkaProperties properties) {
        this(records, kafkaProducer, properties.getSendTimeout());
    }

    public DomainEventPublisher(DomainEventRecords records, Producer<String, byte[]> producer, Duration sendTimeout) {
        this.records = records;
        this.producer = producer;
        this.sendTimeout = sendTimeout;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event) throws InterruptedException {
        publish(event);
    }

    /** Sends the event and waits until Kafka acknowledged it. */
    public RecordMetadata publish(EventMessage<?> event) throws InterruptedException {
        try {
            return producer.send(records.toRecord(event))
                    .get(sendTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish event " + event.getIdentifier() + " to Kafka topic "
                    + records.topic(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out publishing event " + event.getIdentifier()
                    + " to Kafka topic " + records.topic(), e);
        }
    }
}
