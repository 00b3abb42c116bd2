package com.chatnation.crm.application.platform.kafka;

import com.chatnation.crm.application.platform.privacy.EventJson;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Kafka wiring, only when {@code spring.kafka.bootstrap-servers} is set ({@link KafkaConfigured}). Spring Boot's
 * {@link KafkaAutoConfiguration} is excluded in {@code application.yml} and imported here instead, so without Kafka
 * no client, admin or listener exists; with it, Boot builds the producer, consumer, admin and listener container
 * factory from {@code spring.kafka.*} ({@code application.yml}: {@code acks=all}, idempotent producer, no auto
 * commit, batch acknowledgement) and this class adds:
 *
 * <ul>
 *   <li>the topics ({@link CrmKafkaProperties}), created by Boot's {@link KafkaAdmin} when missing;</li>
 *   <li>{@link DomainEventRecords} for {@link DomainEventPublisher} and republishing; the publisher's processing
 *       group propagates errors, so a failed publish is retried from the same event rather than skipped.</li>
 * </ul>
 * The inbound queue and its listener belong to ingestion ({@code conversations.ingestion.kafka}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(KafkaConfigured.class)
@Import(KafkaAutoConfiguration.class)
@EnableConfigurationProperties(CrmKafkaProperties.class)
public class KafkaConfiguration {

    @Bean
    KafkaAdmin.NewTopics crmTopics(CrmKafkaProperties crm) {
        return new KafkaAdmin.NewTopics(crm.newTopic(crm.inboundTopic()), crm.newTopic(crm.deadLetterTopic()),
                crm.newTopic(crm.domainEventsTopic()));
    }

    /** Each record carries {@code kafka_deliveryAttempt}, which the dead-letter copy keeps. */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> deliveryAttemptHeader() {
        return container -> container.getContainerProperties().setDeliveryAttemptHeader(true);
    }

    @Bean
    DomainEventRecords domainEventRecords(EventJson eventJson, KafkaTemplate<String, byte[]> template,
                                          KafkaAdmin admin, KafkaProperties kafka, CrmKafkaProperties crm) {
        // the topic is history too: a contact's personal data goes out sealed, and erasing them shreds it there as well
        return new DomainEventRecords(eventJson.mapper(), template, kafka.getAdmin().isAutoCreate() ? admin : null, crm);
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
