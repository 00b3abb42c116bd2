package com.chatnation.crm.application.kafka;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelopeHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Kafka wiring, active only when bootstrap servers are configured (see {@link KafkaConfigured}):
 * {@code crm.kafka.bootstrap-servers}, or the environment variable {@code CRM_KAFKA_BOOTSTRAP_SERVERS} that Spring's
 * relaxed binding maps to it, or the plain {@code KAFKA_BOOTSTRAP_SERVERS}. Other settings: {@link CrmKafkaProperties}.
 *
 * <ul>
 *   <li>The topics are created on start when missing ({@code crm.kafka.create-topics}).</li>
 *   <li>One idempotent {@code acks=all} producer is shared by the inbound queue, the dead-letter writes and the
 *       domain event publisher.</li>
 *   <li>{@link KafkaInboundQueue} is the {@code InboundQueue}. It is declared as an ordinary bean and marked
 *       {@link Primary}: the PostgreSQL inbox is declared with {@code @ConditionalOnMissingBean(InboundQueue.class)},
 *       and because that condition depends on the order in which configuration classes are read, {@code @Primary}
 *       makes this one win for injection even if both end up defined.</li>
 *   <li>{@link KafkaInboundConsumer} takes the {@link InboundEnvelopeHandler} bean lazily, through an
 *       {@link ObjectProvider}, when it starts (after every bean is defined); without one it stays idle and logs a
 *       warning, leaving the records in the topic.</li>
 *   <li>{@link DomainEventPublisher} (a component under the same condition) publishes domain events; its processing
 *       group propagates errors so that a failed publish is retried rather than skipped.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Conditional(KafkaConfigured.class)
public class KafkaConfiguration {

    @Bean
    @ConfigurationProperties(prefix = "crm.kafka")
    CrmKafkaProperties crmKafkaProperties() {
        return new CrmKafkaProperties();
    }

    @Bean
    KafkaTopics.Ensured kafkaTopics(CrmKafkaProperties properties, Environment environment) {
        if (!properties.isCreateTopics()) {
            return new KafkaTopics.Ensured(List.of());
        }
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers(properties, environment),
                properties.getProperties()))) {
            return new KafkaTopics.Ensured(KafkaTopics.ensure(admin,
                    List.of(properties.getInboundTopic(), properties.getDeadLetterTopic(),
                            properties.getDomainEventsTopic()),
                    properties.getPartitions(), properties.getReplicationFactor(), properties.getSendTimeout()));
        }
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> kafkaProducer(CrmKafkaProperties properties, Environment environment,
                                           KafkaTopics.Ensured kafkaTopics) {
        return new KafkaProducer<>(KafkaClients.producer(bootstrapServers(properties, environment),
                properties.getProperties(), properties.getSendTimeout()));
    }

    @Bean
    @Primary
    KafkaInboundQueue kafkaInboundQueue(Producer<String, byte[]> kafkaProducer, CrmKafkaProperties properties) {
        return new KafkaInboundQueue(kafkaProducer, properties.getInboundTopic(), properties.getSendTimeout());
    }

    @Bean
    KafkaInboundConsumer kafkaInboundConsumer(CrmKafkaProperties properties, Environment environment,
                                              Producer<String, byte[]> kafkaProducer,
                                              ObjectProvider<InboundEnvelopeHandler> handler,
                                              ObjectProvider<MeterRegistry> meterRegistry) {
        return new KafkaInboundConsumer(
                KafkaClients.consumer(bootstrapServers(properties, environment), properties.getProperties(),
                        properties.getInboundGroupId()),
                properties.consumerSettings(), handler::getIfAvailable, kafkaProducer, meterRegistry.getIfAvailable());
    }

    @Bean
    DomainEventRecords domainEventRecords(ObjectMapper objectMapper, CrmKafkaProperties properties) {
        return new DomainEventRecords(objectMapper, properties.getDomainEventsTopic());
    }

    /**
     * Axon's default error handler logs and skips a failing event handler; for publishing that would lose the event,
     * so failures propagate and the tracking processor retries from the same token.
     */
    @Bean
    ConfigurerModule kafkaPublishingErrorsAreRetried() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                DomainEventPublisher.GROUP, c -> PropagatingErrorHandler.instance());
    }

    static String bootstrapServers(CrmKafkaProperties properties, Environment environment) {
        String configured = properties.getBootstrapServers();
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String fallback = KafkaConfigured.bootstrapServers(environment);
        if (fallback == null) {
            throw new IllegalStateException("Kafka bootstrap servers are not configured");
        }
        return fallback;
    }
}
