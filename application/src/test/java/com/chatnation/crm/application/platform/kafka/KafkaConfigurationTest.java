package com.chatnation.crm.application.platform.kafka;

import com.chatnation.crm.application.platform.privacy.EventJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.chatnation.crm.application.conversations.ingestion.kafka.InboundKafkaConfiguration;
import com.chatnation.crm.application.conversations.ingestion.kafka.KafkaInboundListener;
import com.chatnation.crm.application.conversations.ingestion.kafka.KafkaInboundQueue;
import com.chatnation.crm.application.conversations.ingestion.kafka.KafkaInboundTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelope;
import com.chatnation.crm.application.conversations.ingestion.InboundEnvelopeHandler;
import com.chatnation.crm.application.conversations.ingestion.InboundQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The Kafka beans exist only with bootstrap servers, take their settings from {@code application.yml}, create their
 * topics, and take over the inbound queue.
 */
class KafkaConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(KafkaConfiguration.class, InboundKafkaConfiguration.class, DomainEventPublisher.class)
            .withBean(EventJson.class, () -> new EventJson(new ObjectMapper()));

    @Test
    void withoutBootstrapServersNothingKafkaIsCreated() {
        runner.withPropertyValues("crm.kafka.inbound-topic=ignored")
                .withBean(InboundEnvelopeHandler.class, () -> envelope -> { })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(CrmKafkaProperties.class);
                    assertThat(context).doesNotHaveBean(KafkaProperties.class);
                    assertThat(context).doesNotHaveBean(InboundQueue.class);
                    assertThat(context).doesNotHaveBean(KafkaInboundListener.class);
                    assertThat(context).doesNotHaveBean(KafkaListenerEndpointRegistry.class);
                    assertThat(context).doesNotHaveBean(KafkaTemplate.class);
                    assertThat(context).doesNotHaveBean(KafkaAdmin.class);
                    assertThat(context).doesNotHaveBean(DomainEventPublisher.class);
                });
    }

    @Test
    void theFormerVariableNameStillEnablesKafkaAndWithoutTopicCreationNothingWaitsForTheBroker() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-environment", Map.of(
                                "CRM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                                "SPRING_KAFKA_ADMIN_AUTO_CREATE", "false"))))
                .withBean(InboundEnvelopeHandler.class, () -> envelope -> { })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(KafkaProperties.class).getBootstrapServers())
                            .containsExactly("127.0.0.1:1");
                    assertThat(context).hasSingleBean(KafkaInboundQueue.class);
                    assertThat(context).hasSingleBean(DomainEventPublisher.class);
                });
    }

    @Test
    void plainKafkaBootstrapServersWiresQueueListenerPublisherAndTopics() {
        String inbound = SharedKafka.uniqueTopic("wired-inbound");
        List<InboundEnvelope> handled = new CopyOnWriteArrayList<>();
        runner.withBean(InboundEnvelopeHandler.class, () -> handled::add)
                .withUserConfiguration(OtherInboundQueue.class)
                .withPropertyValues(
                        "KAFKA_BOOTSTRAP_SERVERS=" + SharedKafka.bootstrapServers(),
                        "crm.kafka.inbound-topic=" + inbound,
                        "crm.kafka.dead-letter-topic=" + inbound + ".dlt",
                        "crm.kafka.domain-events-topic=" + inbound + ".events",
                        "crm.kafka.partitions=3",
                        "spring.kafka.consumer.group-id=" + inbound + ".group",
                        "spring.kafka.listener.concurrency=1",
                        "spring.kafka.listener.poll-timeout=200ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    try (Admin admin = SharedKafka.admin()) {
                        Map<String, TopicDescription> topics = admin.describeTopics(
                                List.of(inbound, inbound + ".dlt", inbound + ".events"))
                                .allTopicNames().get(30, TimeUnit.SECONDS);
                        assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
                    }

                    // the guarantees application.yml gives the clients
                    Map<String, Object> producer = context.getBean(ProducerFactory.class).getConfigurationProperties();
                    assertThat(producer.get(ProducerConfig.ACKS_CONFIG)).hasToString("all");
                    assertThat(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).hasToString("true");
                    Map<String, Object> consumer = context.getBean(ConsumerFactory.class).getConfigurationProperties();
                    assertThat(consumer.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).hasToString("false");
                    assertThat(consumer.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).hasToString("earliest");
                    MessageListenerContainer listener = context.getBean(KafkaListenerEndpointRegistry.class)
                            .getListenerContainer(KafkaInboundListener.ID);
                    assertThat(listener.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.BATCH);
                    assertThat(listener.getGroupId()).isEqualTo(inbound + ".group");
                    assertThat(listener.isRunning()).isTrue();

                    InboundQueue queue = context.getBean(InboundQueue.class);
                    assertThat(queue).as("the Kafka queue wins over another InboundQueue bean")
                            .isInstanceOf(KafkaInboundQueue.class);
                    assertThat(context).hasSingleBean(DomainEventPublisher.class);

                    queue.enqueue(List.of(KafkaInboundTest.envelope("org-3:254711111111", "wired")));
                    await().atMost(Duration.ofSeconds(45)).until(() -> !handled.isEmpty());
                    assertThat(handled).extracting(InboundEnvelope::dedupeId).containsExactly("wired");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OtherInboundQueue {

        @Bean
        InboundQueue postgresInbox() {
            return envelopes -> {
                throw new AssertionError("the Kafka queue should have been used");
            };
        }
    }
}
