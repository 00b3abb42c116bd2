package com.chatnation.crm.application.kafka;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelopeHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka wiring, only when {@code spring.kafka.bootstrap-servers} is set ({@link KafkaConfigured}). Spring Boot's
 * {@link KafkaAutoConfiguration} is excluded in {@code application.yml} and imported here instead, so without Kafka
 * no client, admin or listener exists; with it, Boot builds the producer, consumer, admin and listener container
 * factory from {@code spring.kafka.*} ({@code application.yml}: {@code acks=all}, idempotent producer, no auto
 * commit, batch acknowledgement) and this class adds:
 *
 * <ul>
 *   <li>the topics ({@link CrmKafkaProperties}), created by Boot's {@link KafkaAdmin} when missing;</li>
 *   <li>the inbound listener's error handler: {@code max-attempts} tries {@code retry-backoff} apart, then the record
 *       goes to the dead-letter topic (same key, so same-contact records stay together) with Spring Kafka's
 *       {@code kafka_dlt-*} headers; a value that is not an envelope goes there at once. Until a failing record is
 *       handled or dead-lettered its partition is sought back to it, so nothing behind it overtakes it;</li>
 *   <li>{@link KafkaInboundQueue} as the {@code InboundQueue}, {@link Primary} in case another is defined;</li>
 *   <li>{@link DomainEventRecords} for {@link DomainEventPublisher} and republishing; the publisher's processing
 *       group propagates errors, so a failed publish is retried from the same event rather than skipped.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Conditional(KafkaConfigured.class)
@Import(KafkaAutoConfiguration.class)
@EnableConfigurationProperties(CrmKafkaProperties.class)
public class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    @Bean
    KafkaAdmin.NewTopics crmTopics(CrmKafkaProperties crm) {
        return new KafkaAdmin.NewTopics(crm.newTopic(crm.inboundTopic()), crm.newTopic(crm.deadLetterTopic()),
                crm.newTopic(crm.domainEventsTopic()));
    }

    @Bean
    DefaultErrorHandler inboundErrorHandler(KafkaTemplate<String, byte[]> template, CrmKafkaProperties crm) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, error) -> new TopicPartition(crm.deadLetterTopic(), -1)); // partitioned by key
        DefaultErrorHandler errors = new DefaultErrorHandler(deadLetters,
                new FixedBackOff(crm.retryBackoff().toMillis(), Math.max(0, crm.maxAttempts() - 1L)));
        errors.addNotRetryableExceptions(InboundEnvelopeJson.MalformedEnvelopeException.class);
        errors.setCommitRecovered(true);
        errors.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception error, int attempt) {
                log.warn("Inbound record {}-{}@{} failed attempt {}/{}: {}", record.topic(), record.partition(),
                        record.offset(), attempt, crm.maxAttempts(), cause(error).toString());
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception error) {
                log.error("Inbound record {}-{}@{} dead-lettered to {}", record.topic(), record.partition(),
                        record.offset(), crm.deadLetterTopic(), cause(error));
            }
        });
        return errors;
    }

    private static Throwable cause(Exception error) {
        return error instanceof ListenerExecutionFailedException && error.getCause() != null ? error.getCause() : error;
    }

    /** Each record carries {@code kafka_deliveryAttempt}, which the dead-letter copy keeps. */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> deliveryAttemptHeader() {
        return container -> container.getContainerProperties().setDeliveryAttemptHeader(true);
    }

    @Bean
    @Primary
    KafkaInboundQueue kafkaInboundQueue(KafkaTemplate<String, byte[]> template, CrmKafkaProperties crm) {
        return new KafkaInboundQueue(template, crm.inboundTopic());
    }

    @Bean
    KafkaInboundListener kafkaInboundListener(InboundEnvelopeHandler handler, CrmKafkaProperties crm) {
        return new KafkaInboundListener(handler, crm.inboundTopic());
    }

    @Bean
    DomainEventRecords domainEventRecords(ObjectMapper objectMapper, KafkaTemplate<String, byte[]> template,
                                          KafkaAdmin admin, KafkaProperties kafka, CrmKafkaProperties crm) {
        return new DomainEventRecords(objectMapper, template, kafka.getAdmin().isAutoCreate() ? admin : null, crm);
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
}
