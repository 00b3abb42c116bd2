package com.chatnation.crm.application.platform.kafka;

import com.chatnation.crm.application.conversations.ingestion.kafka.KafkaInboundListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatnation.crm.application.conversations.ingestion.InboundQueue;
import com.chatnation.crm.application.conversations.ingestion.PostgresInbox;
import com.chatnation.crm.application.platform.replay.HistoryRepublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The service as it starts with no configuration at all (the context the other integration tests share): nothing
 * Kafka exists, Spring Boot's Kafka auto-configuration included, and accepted items go to the PostgreSQL inbox.
 * ({@link CrmKafkaProperties} is bound all the same, by the application's {@code @ConfigurationPropertiesScan}: names.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WithoutKafkaIntegrationTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    InboundQueue queue;
    @Autowired
    HistoryRepublisher republisher;

    @Test
    void noKafkaClientAdminOrListenerExistsAndThePostgresInboxIsUsed() {
        for (Class<?> type : new Class<?>[] {KafkaTemplate.class, ProducerFactory.class, ConsumerFactory.class,
                KafkaAdmin.class, KafkaListenerEndpointRegistry.class, DomainEventRecords.class, DomainEventPublisher.class, KafkaInboundListener.class}) {
            assertThat(context.getBeanNamesForType(type)).as(type.getSimpleName()).isEmpty();
        }
        assertThat(queue).isInstanceOf(PostgresInbox.class);
        assertThatThrownBy(() -> republisher.start(new HistoryRepublisher.Request("downstream", null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Kafka is not configured");
    }
}
