package com.chatnation.crm.application.conversations.ingestion.kafka;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelopeHandler;
import com.chatnation.crm.application.platform.kafka.CrmKafkaProperties;
import com.chatnation.crm.application.platform.kafka.KafkaConfigured;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The Kafka inbound queue, when Kafka is configured:
 * <ul>
 *   <li>{@link KafkaInboundQueue} as the {@code InboundQueue}, {@link Primary} over the PostgreSQL inbox;</li>
 *   <li>the listener's error handler: {@code max-attempts} tries {@code retry-backoff} apart, then the record goes to
 *       the dead-letter topic (same key, so same-contact records stay together) with Spring Kafka's
 *       {@code kafka_dlt-*} headers; a value that is not an envelope goes there at once. Until a failing record is
 *       handled or dead-lettered its partition is sought back to it, so nothing behind it overtakes it.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Conditional(KafkaConfigured.class)
public class InboundKafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InboundKafkaConfiguration.class);

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

    @Bean
    @Primary
    KafkaInboundQueue kafkaInboundQueue(KafkaTemplate<String, byte[]> template, CrmKafkaProperties crm) {
        return new KafkaInboundQueue(template, crm.inboundTopic());
    }

    @Bean
    KafkaInboundListener kafkaInboundListener(InboundEnvelopeHandler handler, CrmKafkaProperties crm) {
        return new KafkaInboundListener(handler, crm.inboundTopic());
    }
}
