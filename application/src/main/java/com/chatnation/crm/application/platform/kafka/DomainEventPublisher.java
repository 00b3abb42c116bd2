package com.chatnation.crm.application.platform.kafka;

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
    private final String topic;

    @Autowired
    public DomainEventPublisher(DomainEventRecords records, CrmKafkaProperties properties) {
        this(records, properties.domainEventsTopic());
    }

    public DomainEventPublisher(DomainEventRecords records, String topic) {
        this.records = records;
        this.topic = topic;
    }

    /** Sends the event and waits until Kafka acknowledged it (the producer's delivery timeout bounds the wait). */
    @EventHandler
    public void on(Object payload, EventMessage<?> event) throws Exception {
        records.send(topic, event).get();
    }
}
