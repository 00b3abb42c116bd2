package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.WebhookClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply WhatsApp accepted and later reported failed by a status webhook gives its tokens back, once, however
 * often the status is delivered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LateFailureRefundIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReplyReportedFailedAfterSendingIsRefundedOnce() {
        Conversations org = new Conversations(new AdminClient("http://localhost:" + port), 20);
        WebhookClient webhook = new WebhookClient(port);
        String phoneNumberId = jdbc.queryForObject("SELECT whatsapp_phone_number_id FROM organizations WHERE id = ?",
                String.class, org.organizationId);
        String contact = "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
        org.says(contact, "hello");
        GraphApiStandIn.shared().awaitSentTo(contact, 1);
        await(() -> jdbc.queryForObject("SELECT count(*) FROM outbound_replies WHERE contact_phone = ? AND status = 'sent'",
                Integer.class, contact) == 1);
        String wamid = jdbc.queryForObject("SELECT whatsapp_message_id FROM outbound_replies WHERE contact_phone = ?",
                String.class, contact);
        await(() -> org.balance() == 19);

        String failed = WebhookClient.status(phoneNumberId, contact.substring(1), wamid, "failed", 131026);
        assertThat(webhook.postSigned(failed).statusCode()).isEqualTo(200);
        assertThat(webhook.postSigned(failed).statusCode()).isEqualTo(200);

        await(() -> org.balance() == 20);
        await(() -> jdbc.queryForObject("SELECT count(*) FROM inbound_inbox WHERE dedupe_id = ? AND status = 'done'",
                Integer.class, wamid + ":failed") == 2);
        assertThat(org.balance()).as("refunded once").isEqualTo(20);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM event_log WHERE event_type = 'TokensRefunded' AND payload->>'referenceId' = (
                    SELECT reply_id FROM outbound_replies WHERE whatsapp_message_id = ?)""", Integer.class, wamid))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM outbound_replies WHERE whatsapp_message_id = ?", String.class,
                wamid)).isEqualTo("failed");
    }

    private static void await(BooleanSupplier condition) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
