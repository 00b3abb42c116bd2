package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.platform.kafka.SharedKafka;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.RunningService;
import com.chatnation.crm.application.support.WebhookClient;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

import static com.chatnation.crm.application.conversations.ingestion.WebhookIntegrationTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/** Accepted means kept: across a stop right after the 200, and through Kafka when it carries the items. */
class WebhookDurabilityIntegrationTest {

    @Test
    void aMessageAcceptedJustBeforeTheServiceStopsIsProcessedOnceAfterRestart() {
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        String waId = "2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
        String messageId = "wamid.durable." + UUID.randomUUID();
        JdbcTemplate jdbc;

        // No inbox workers: the item can only be accepted, as if the process died right after answering 200.
        try (RunningService accepting = RunningService.start("crm.inbox.workers=0")) {
            jdbc = accepting.bean(JdbcTemplate.class);
            assertThat(accepting.admin().post("/admin/organizations", Map.of("name", "Durable", "phoneNumberId",
                    phoneNumberId, "prices", java.util.List.of(), "lowBalanceThreshold", 0,
                    "owner", WebhookIntegrationTest.owner())).status()).isEqualTo(201);
            assertThat(new WebhookClient(accepting.port())
                    .postSigned(WebhookClient.text(phoneNumberId, waId, messageId, "hi")).statusCode()).isEqualTo(200);
            assertThat(jdbc.queryForObject("SELECT status FROM inbound_inbox WHERE dedupe_id = ?", String.class, messageId))
                    .isEqualTo("pending");
        }

        try (RunningService restarted = RunningService.start()) {
            JdbcTemplate db = restarted.bean(JdbcTemplate.class);
            awaitTrue("the accepted message is processed after the restart", () -> "done".equals(db.queryForObject(
                    "SELECT status FROM inbound_inbox WHERE dedupe_id = ?", String.class, messageId)));
            assertThat(db.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'MessageReceived' "
                    + "AND payload->>'messageId' = ?", Integer.class, messageId)).isEqualTo(1);
            assertThat(GraphApiStandIn.shared().awaitSentTo("+" + waId, 1)).hasSize(1);
        }
    }

    @Test
    void withKafkaConfiguredAcceptedItemsTravelThroughTheBroker() {
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        String waId = "2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
        String messageId = "wamid.kafka." + UUID.randomUUID();
        String topic = SharedKafka.uniqueTopic("crm.inbound");
        try (RunningService service = RunningService.start("crm.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "crm.kafka.inbound-topic=" + topic, "crm.kafka.dead-letter-topic=" + topic + ".dlt",
                "crm.kafka.domain-events-topic=" + topic + ".events", "crm.kafka.inbound-group-id=" + topic,
                "crm.kafka.partitions=4")) {
            JdbcTemplate jdbc = service.bean(JdbcTemplate.class);
            assertThat(service.admin().post("/admin/organizations", Map.of("name", "Kafka org", "phoneNumberId",
                    phoneNumberId, "lowBalanceThreshold", 0, "owner", WebhookIntegrationTest.owner())).status())
                    .isEqualTo(201);
            long inboxBefore = jdbc.queryForObject("SELECT count(*) FROM inbound_inbox", Long.class);

            assertThat(new WebhookClient(service.port())
                    .postSigned(WebhookClient.text(phoneNumberId, waId, messageId, "hi")).statusCode()).isEqualTo(200);

            awaitTrue("the message reached the conversation through Kafka", () -> jdbc.queryForObject(
                    "SELECT count(*) FROM event_log WHERE event_type = 'MessageReceived' AND payload->>'messageId' = ?",
                    Integer.class, messageId) == 1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM inbound_inbox", Long.class))
                    .as("the PostgreSQL inbox is not used when Kafka is").isEqualTo(inboxBefore);
            assertThat(SharedKafka.readAll(topic, 1, java.time.Duration.ofSeconds(10)).get(0).key())
                    .endsWith(":" + waId);
        }
    }
}
