package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TestDatabaseEnvironmentPostProcessor;
import com.chatnation.crm.application.support.WebhookClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook over real HTTP: verification, refusals, every published payload, idempotency and statuses. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ContactDirectory directory;
    @Autowired
    MeterRegistry meters;

    WebhookClient webhook;
    AdminClient admin;

    @BeforeEach
    void clients() {
        webhook = new WebhookClient(port);
        admin = new AdminClient("http://localhost:" + port);
    }

    @Test
    void theHandshakeEchoesTheChallengeOnlyForTheVerifyToken() {
        HttpResponse<String> ok = webhook.verify("hub.mode=subscribe&hub.verify_token="
                + TestDatabaseEnvironmentPostProcessor.VERIFY_TOKEN + "&hub.challenge=1158201444");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(webhook.verify("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").statusCode()).isEqualTo(403);
        assertThat(webhook.verify("hub.mode=unsubscribe&hub.verify_token="
                + TestDatabaseEnvironmentPostProcessor.VERIFY_TOKEN + "&hub.challenge=1").statusCode()).isEqualTo(403);
    }

    @Test
    void badDeliveriesAreRefusedAndLeaveNothingBehind() {
        String phoneNumberId = onboardedNumber();
        String body = WebhookClient.text(phoneNumberId, "254700000001", "wamid.refused." + UUID.randomUUID(), "hi");
        long before = inboxRows();

        HttpResponse<String> unsigned = webhook.post(body.getBytes(StandardCharsets.UTF_8), null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("missing X-Hub-Signature-256 header");
        HttpResponse<String> forged = webhook.post(body.getBytes(StandardCharsets.UTF_8),
                "sha256=" + "0".repeat(64));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("does not match the body");

        HttpResponse<String> malformed = webhook.postSigned("{\"object\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed_request");

        byte[] huge = ("{\"object\":\"whatsapp_business_account\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(webhook.post(huge, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(413);

        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void anUnknownNumberIsAcknowledgedCountedAndChangesNothing() {
        double before = meters.counter("crm.webhook.unknown_phone_number").count();
        long rows = inboxRows();
        HttpResponse<String> response = webhook.postSigned(WebhookClient.text("999000111222333", "254700000002",
                "wamid.unknown." + UUID.randomUUID(), "hello"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"accepted\":0}");
        assertThat(meters.counter("crm.webhook.unknown_phone_number").count()).isEqualTo(before + 1);
        assertThat(inboxRows()).isEqualTo(rows);
    }

    @Test
    void everyPublishedPayloadIsAcceptedAndUnderstood() throws IOException {
        WebhookPayloadParser parser = new WebhookPayloadParser();
        Set<String> onboarded = new HashSet<>();
        java.util.List<String> messageIds = new java.util.ArrayList<>();
        for (Path file : WebhookFixtures.all()) {
            byte[] body = Files.readAllBytes(file);
            WebhookNotification notification = parser.parse(body);
            for (WebhookChange change : notification.changes()) {
                String id = change.phoneNumberId();
                if (id != null && id.matches("[0-9]{1,32}") && onboarded.add(id)
                        && jdbc.queryForObject("SELECT count(*) FROM organizations WHERE whatsapp_phone_number_id = ?",
                        Integer.class, id) == 0) {
                    assertThat(admin.post("/admin/organizations", Map.of("name", "Fixture " + id, "phoneNumberId", id,
                            "lowBalanceThreshold", 0, "owner", owner())).status()).isEqualTo(201);
                }
            }
            String signature = com.chatnation.crm.application.conversations.ingestion.WebhookSignature.headerValue(body,
                    TestDatabaseEnvironmentPostProcessor.APP_SECRET);
            HttpResponse<String> response = webhook.post(body, signature);
            assertThat(response.statusCode()).as(file.getFileName().toString()).isEqualTo(200);

            for (WebhookItem item : notification.items()) {
                boolean routable = item.phoneNumberId() != null && item.phoneNumberId().matches("[0-9]{1,32}");
                if (item instanceof InboundMessage message && message.from() != null && routable) {
                    messageIds.add(message.messageId());
                    // the event's content is sealed; the transcript shows it opened
                    awaitTrue(file + " → MessageReceived " + message.messageId(), () -> jdbc.queryForObject("""
                            SELECT count(*) FROM event_log WHERE event_type = 'MessageReceived'
                              AND payload->>'messageId' = ?""", Integer.class, message.messageId()) == 1
                            && jdbc.queryForObject("""
                            SELECT count(*) FROM messages WHERE id = ? AND content->>'variant' IS NOT NULL""",
                            Integer.class, message.messageId()) == 1);
                } else if (routable) {
                    String dedupe = item instanceof StatusUpdate status ? status.messageId() + ":" + status.status()
                            : item instanceof WebhookError error ? "error:" + error.code()
                            : ((InboundMessage) item).messageId();
                    awaitTrue(file + " → processed " + dedupe, () -> jdbc.queryForObject("""
                            SELECT count(*) FROM inbound_inbox WHERE dedupe_id = ? AND status = 'done'""",
                            Integer.class, dedupe) >= 1);
                }
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbound_inbox WHERE status = 'dead'", Integer.class)).isZero();
        Map<String, Object> image = jdbc.queryForMap("""
                SELECT content->>'variant' AS variant, content->>'kind' AS kind, content->>'mimeType' AS mime
                FROM messages WHERE direction = 'inbound' AND content->>'kind' = 'image' AND id = ANY (?)
                LIMIT 1""", (Object) messageIds.toArray(String[]::new));
        assertThat(image).containsEntry("variant", "media").containsEntry("mime", "image/jpeg");
    }

    @Test
    void theSameMessageDeliveredTwiceIsHandledOnce() {
        String phoneNumberId = onboardedNumber();
        String messageId = "wamid.twice." + UUID.randomUUID();
        String body = WebhookClient.text(phoneNumberId, "254711000001", messageId, "hi");
        assertThat(webhook.postSigned(body).statusCode()).isEqualTo(200);
        assertThat(webhook.postSigned(body).statusCode()).isEqualTo(200);

        awaitTrue("both deliveries processed", () -> jdbc.queryForObject(
                "SELECT count(*) FROM inbound_inbox WHERE dedupe_id = ? AND status = 'done'", Integer.class, messageId) == 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'MessageReceived' "
                + "AND payload->>'messageId' = ?", Integer.class, messageId)).isEqualTo(1);
    }

    @Test
    void aContactsMessagesAreHandledInTheOrderAccepted() {
        String phoneNumberId = onboardedNumber();
        String waId = "2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String messageId = "wamid.order." + i + "." + UUID.randomUUID();
            sent.add(messageId);
            assertThat(webhook.postSigned(WebhookClient.text(phoneNumberId, waId, messageId, "message " + i))
                    .statusCode()).isEqualTo(200);
        }
        awaitTrue("all handled", () -> jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = "
                + "'MessageReceived' AND payload->>'contactId' = ?", Integer.class, idOf(phoneNumberId, waId)) == 12);
        List<String> handled = jdbc.queryForList("SELECT payload->>'messageId' FROM event_log WHERE event_type = "
                + "'MessageReceived' AND payload->>'contactId' = ? ORDER BY global_index", String.class,
                idOf(phoneNumberId, waId));
        assertThat(handled).containsExactlyElementsOf(sent);
    }

    @Test
    void statusesOnlyMoveForwardAndFailuresKeepTheirCode() {
        Conversations org = new Conversations(admin, 100);
        String phoneNumberId = jdbc.queryForObject("SELECT whatsapp_phone_number_id FROM organizations WHERE id = ?",
                String.class, org.organizationId);
        String contact = "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
        org.says(contact, "hello");
        org.says(contact, "anything");
        GraphApiStandIn.shared().awaitSentTo(contact, 2);
        awaitTrue("replies sent", () -> jdbc.queryForObject("SELECT count(*) FROM outbound_replies WHERE contact_phone = ? "
                + "AND status = 'sent'", Integer.class, contact) == 2);
        List<Map<String, Object>> replies = jdbc.queryForList("SELECT reply_id, whatsapp_message_id FROM outbound_replies "
                + "WHERE contact_phone = ? ORDER BY sequence", contact);
        String firstWamid = (String) replies.get(0).get("whatsapp_message_id");
        String secondWamid = (String) replies.get(1).get("whatsapp_message_id");
        String recipient = contact.substring(1);

        webhook.postSigned(WebhookClient.status(phoneNumberId, recipient, firstWamid, "read", null));
        webhook.postSigned(WebhookClient.status(phoneNumberId, recipient, firstWamid, "delivered", null));
        webhook.postSigned(WebhookClient.status(phoneNumberId, recipient, secondWamid, "failed", 131047));

        String firstReply = (String) replies.get(0).get("reply_id");
        String secondReply = (String) replies.get(1).get("reply_id");
        awaitTrue("statuses projected", () -> jdbc.queryForObject(
                "SELECT count(*) FROM messages WHERE id IN (?, ?) AND status IN ('read', 'failed')", Integer.class,
                firstReply, secondReply) == 2);
        awaitTrue("late delivered processed", () -> jdbc.queryForObject(
                "SELECT count(*) FROM inbound_inbox WHERE dedupe_id = ? AND status = 'done'", Integer.class,
                firstWamid + ":delivered") == 1);
        assertThat(jdbc.queryForObject("SELECT status FROM messages WHERE id = ?", String.class, firstReply))
                .isEqualTo("read");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'ReplyDeliveryUpdated' "
                + "AND payload->>'replyId' = ?", Integer.class, firstReply)).isEqualTo(1);
        Map<String, Object> failed = jdbc.queryForMap("SELECT status, error_code, error_title FROM messages WHERE id = ?",
                secondReply);
        assertThat(failed).containsEntry("status", "failed").containsEntry("error_code", 131047)
                .containsEntry("error_title", "Re-engagement message");
        awaitTrue("delivery reports in the daily rollups", () -> jdbc.queryForObject("""
                SELECT count(*) FROM daily_rollups WHERE organization_id = ?
                  AND ((metric = 'replies.read' AND value = 1) OR (metric = 'replies.failed' AND dimension = '131047'))""",
                Integer.class, org.organizationId) == 2);
    }

    private String onboardedNumber() {
        String id = AdminClient.randomPhoneNumberId();
        assertThat(admin.post("/admin/organizations", Map.of("name", "Webhook org", "phoneNumberId", id,
                "lowBalanceThreshold", 0, "owner", owner())).status()).isEqualTo(201);
        return id;
    }

    /** Every organization is onboarded with its first owner. */
    static Map<String, Object> owner() {
        return Map.of("email", "owner-" + UUID.randomUUID() + "@example.com", "displayName", "Owner");
    }

    private long inboxRows() {
        return jdbc.queryForObject("SELECT count(*) FROM inbound_inbox", Long.class);
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Events name the contact by its opaque id; the directory knows it once the first message was handled. */
    private String idOf(String phoneNumberId, String waId) {
        String organization = jdbc.queryForObject("SELECT id FROM organizations WHERE whatsapp_phone_number_id = ?",
                String.class, phoneNumberId);
        return directory.existing(organization, PhoneNumber.of("+" + waId)).orElse("not-yet-known");
    }
}
