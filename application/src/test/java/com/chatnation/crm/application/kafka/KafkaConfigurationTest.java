package com.chatnation.crm.application.kafka;

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
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The Kafka beans exist only with bootstrap servers, create their topics, and take over the inbound queue. */
class KafkaConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(KafkaConfiguration.class, DomainEventPublisher.class);

    @Test
    void withoutBootstrapServersNothingKafkaIsCreated() {
        runner.withPropertyValues("crm.kafka.bootstrap-servers=", "crm.kafka.inbound-topic=ignored")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(CrmKafkaProperties.class);
                    assertThat(context).doesNotHaveBean(InboundQueue.class);
                    assertThat(context).doesNotHaveBean(KafkaInboundConsumer.class);
                    assertThat(context).doesNotHaveBean(DomainEventPublisher.class);
                });
    }

    @Test
    void relaxedBindingOfCrmKafkaBootstrapServersEnablesKafkaWithoutATopicCheck() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-environment", Map.of(
                                "CRM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                                "CRM_KAFKA_CREATE_TOPICS", "false"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(CrmKafkaProperties.class).getBootstrapServers()).isEqualTo("127.0.0.1:1");
                    assertThat(context).hasSingleBean(KafkaInboundQueue.class);
                    assertThat(context.getBean(KafkaInboundConsumer.class).isRunning())
                            .as("no handler defined, so the consumer stays idle").isFalse();
                });
    }

    @Test
    void plainKafkaBootstrapServersWiresQueueConsumerPublisherAndTopics() {
        String inbound = SharedKafka.uniqueTopic("wired-inbound");
        List<InboundEnvelope> handled = new CopyOnWriteArrayList<>();
        runner.withBean(InboundEnvelopeHandler.class, () -> handled::add)
                .withUserConfiguration(OtherInboundQueue.class)
                .withPropertyValues(
                        "KAFKA_BOOTSTRAP_SERVERS=" + SharedKafka.bootstrapServers(),
                        "crm.kafka.inbound-topic=" + inbound,
                        "crm.kafka.dead-letter-topic=" + inbound + ".dlt",
                        "crm.kafka.domain-events-topic=" + inbound + ".events",
                        "crm.kafka.inbound-group-id=" + inbound + ".group",
                        "crm.kafka.partitions=3",
                        "crm.kafka.consumer-threads=1",
                        "crm.kafka.poll-timeout=200ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    try (Admin admin = SharedKafka.admin()) {
                        Map<String, TopicDescription> topics = admin.describeTopics(
                                List.of(inbound, inbound + ".dlt", inbound + ".events"))
                                .allTopicNames().get(30, TimeUnit.SECONDS);
                        assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
                    }
                    InboundQueue queue = context.getBean(InboundQueue.class);
                    assertThat(queue).as("the Kafka queue wins over another InboundQueue bean")
                            .isInstanceOf(KafkaInboundQueue.class);
                    assertThat(context).hasSingleBean(DomainEventPublisher.class);
                    KafkaInboundConsumer consumer = context.getBean(KafkaInboundConsumer.class);
                    assertThat(consumer.isRunning()).isTrue();

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
