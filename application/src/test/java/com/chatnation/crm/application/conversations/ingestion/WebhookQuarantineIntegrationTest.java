package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that can never be processed, over real HTTP: each delivery is answered 200, the unusable item lands in
 * {@code webhook_quarantine} with its reason, and a normal message in the same delivery is processed as usual.
 * Free text with NUL or lone surrogates and impossible timestamps are not refused but cleaned.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookQuarantineIntegrationTest {

    private static final String CONTACT = "254711000";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    WebhookClient webhook;
    AdminClient admin;
    String phoneNumberId;
    String organizationId;

    @BeforeEach
    void organization() {
        webhook = new WebhookClient(port);
        admin = new AdminClient("http://localhost:" + port);
        phoneNumberId = AdminClient.randomPhoneNumberId();
        organizationId = admin.onboard(Map.of("name", "Quarantine " + UUID.randomUUID(), "phoneNumberId", phoneNumberId,
                "lowBalanceThreshold", 0)).organizationId();
    }

    @Test
    void aMessageWithANullIdIsQuarantinedAndTheNextOneIsProcessed() {
        assertQuarantinedNextToANormalMessage(message("null", quoted(contact()), now(), text("hello")), "message",
                "missing_message_id", "\"id\":null");
    }

    @Test
    void aWamidWithANulIsQuarantined() {
        assertQuarantinedNextToANormalMessage(message(quoted("wamid.A\\u0000B"), quoted(contact()), now(), text("hi")),
                "message", "invalid_message_id", "\"id\":\"wamid.A\\u0000B\"");
    }

    @Test
    void aWamidOfAThousandCharactersIsQuarantined() {
        String id = "wamid." + "x".repeat(994);
        assertQuarantinedNextToANormalMessage(message(quoted(id), quoted(contact()), now(), text("hi")), "message",
                "invalid_message_id", id);
    }

    @Test
    void aFromWithANulIsQuarantined() {
        assertQuarantinedNextToANormalMessage(message(quoted(wamid()), quoted("2547\\u000011"), now(), text("hi")),
                "message", "invalid_from", "2547\\u000011");
    }

    @Test
    void aFromOfFourHundredDigitsIsQuarantined() {
        String from = "7".repeat(400);
        assertQuarantinedNextToANormalMessage(message(quoted(wamid()), quoted(from), now(), text("hi")), "message",
                "invalid_from", from);
    }

    @Test
    void aStatusWithoutAnIdIsQuarantined() {
        String status = """
                {"id":null,"status":"delivered","timestamp":%s,"recipient_id":"%s"}""".formatted(now(), contact());
        String normal = wamid();
        HttpResponse<String> response = webhook.postSigned(delivery(List.of(message(quoted(normal), quoted(contact()),
                now(), text("hi"))), List.of(status)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(quarantinedReasons()).containsExactly("missing_status_id");
        awaitMessageRow(normal);
    }

    @Test
    void aBodyThatIsJsonButNoNotificationIsAcknowledgedAndQuarantined() {
        double before = meters.counter("crm.webhook.quarantined", "reason", "not_a_notification").count();
        String body = "{\"object\":\"page\",\"marker\":\"" + UUID.randomUUID() + "\"}";
        assertThat(webhook.postSigned(body).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_quarantine WHERE convert_from(raw, 'UTF8') = ?",
                Integer.class, body)).isEqualTo(1);
        assertThat(meters.counter("crm.webhook.quarantined", "reason", "not_a_notification").count())
                .isEqualTo(before + 1);
        assertThat(webhook.postSigned("{\"object\": ").statusCode()).as("not JSON at all").isEqualTo(400);
    }

    @Test
    void nulInATextOrANameIsRemovedAndTheMessageProcessed() {
        String id = wamid();
        String from = contact();
        String body = delivery(List.of(message(quoted(id), quoted(from), now(), text("he\\u0000llo"))), List.of())
                .replace("\"name\":\"Test Contact\"", "\"name\":\"Wan\\u0000jiku\"");
        assertThat(webhook.postSigned(body).statusCode()).isEqualTo(200);
        awaitMessageRow(id);
        assertThat(jdbc.queryForObject("SELECT text FROM messages WHERE id = ?", String.class, id)).isEqualTo("hello");
        awaitTrue("contact name", () -> "Wanjiku".equals(jdbc.query(
                "SELECT name FROM contacts WHERE id = (SELECT contact_id FROM messages WHERE id = ?)",
                rows -> rows.next() ? rows.getString(1) : null, id)));
        assertThat(quarantinedReasons()).isEmpty();
    }

    @Test
    void loneAndReversedSurrogatesBecomeReplacementCharacters() {
        String lone = wamid();
        String reversed = wamid();
        String body = delivery(List.of(message(quoted(lone), quoted(contact()), now(), text("a\\ud800b")),
                message(quoted(reversed), quoted(contact()), now(), text("c\\udc00\\ud800d"))), List.of());
        assertThat(webhook.postSigned(body).statusCode()).isEqualTo(200);
        awaitMessageRow(lone);
        awaitMessageRow(reversed);
        assertThat(jdbc.queryForObject("SELECT text FROM messages WHERE id = ?", String.class, lone)).isEqualTo("a\uFFFDb");
        assertThat(jdbc.queryForObject("SELECT text FROM messages WHERE id = ?", String.class, reversed))
                .isEqualTo("c\uFFFD\uFFFDd");
    }

    @Test
    void impossibleTimestampsAreReplacedByTheReceiveTime() {
        for (String timestamp : List.of("1000000000000000000", "1000000000000000000000000000000",
                "9223372036854775808", "-9223372036854775808", "9223372036854775807", "\"-5\"")) {
            String id = wamid();
            Instant before = Instant.now().minusSeconds(1);
            HttpResponse<String> response = webhook.postSigned(delivery(List.of(
                    message(quoted(id), quoted(contact()), timestamp, text("when?"))), List.of()));
            assertThat(response.statusCode()).as(timestamp).isEqualTo(200);
            awaitMessageRow(id);
            Instant created = jdbc.queryForObject("SELECT created_at FROM messages WHERE id = ?", Timestamp.class, id)
                    .toInstant();
            assertThat(created).as(timestamp).isBetween(before, Instant.now().plusSeconds(1));
        }
        assertThat(quarantinedReasons()).isEmpty();
    }

    @Test
    void theOperatorListsPagesAndDiscardsQuarantinedItems() {
        for (int i = 0; i < 3; i++) {
            assertThat(webhook.postSigned(delivery(List.of(message("null", quoted(contact()), now(), text("x" + i))),
                    List.of())).statusCode()).isEqualTo(200);
        }
        assertThat(webhook.postSigned(delivery(List.of(message(quoted("wamid.\\u0000"), quoted(contact()), now(),
                text("nul"))), List.of())).statusCode()).isEqualTo(200);

        AdminClient.Response first = admin.get("/admin/quarantine?organizationId=" + organizationId
                + "&reason=missing_message_id&limit=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("items")).hasSize(2);
        JsonNode newest = first.body().path("items").get(0);
        assertThat(newest.path("reason").asText()).isEqualTo("missing_message_id");
        assertThat(newest.path("kind").asText()).isEqualTo("message");
        assertThat(newest.path("organizationId").asText()).isEqualTo(organizationId);
        assertThat(newest.path("phoneNumberId").asText()).isEqualTo(phoneNumberId);
        assertThat(newest.path("raw").asText()).contains("\"x2\"");
        String cursor = first.body().path("nextCursor").asText();
        AdminClient.Response second = admin.get("/admin/quarantine?organizationId=" + organizationId
                + "&reason=missing_message_id&limit=2&after=" + cursor);
        assertThat(second.body().path("items")).hasSize(1);
        assertThat(second.body().path("items").get(0).path("raw").asText()).contains("\"x0\"");
        assertThat(second.body().path("nextCursor").asText(null)).isNull();

        JsonNode nul = admin.get("/admin/quarantine?organizationId=" + organizationId + "&reason=invalid_message_id")
                .body().path("items").get(0);
        assertThat(nul.path("raw").asText()).as("the raw JSON keeps the NUL as an escape")
                .contains("\"id\":\"wamid.\\u0000\"");

        long id = newest.path("id").asLong();
        assertThat(admin.delete("/admin/quarantine/" + id).status()).isEqualTo(204);
        assertThat(admin.delete("/admin/quarantine/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/admin/quarantine?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/admin/quarantine?after=-1").status()).isEqualTo(400);
        assertThat(admin.get("/admin/quarantine?reason=DROP%20TABLE").status()).isEqualTo(400);
        assertThat(admin.delete("/admin/quarantine/abc").status()).isEqualTo(400);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void assertQuarantinedNextToANormalMessage(String bad, String kind, String reason, String rawFragment) {
        double before = meters.counter("crm.webhook.quarantined", "reason", reason).count();
        String normal = wamid();
        HttpResponse<String> response = webhook.postSigned(delivery(List.of(bad,
                message(quoted(normal), quoted(contact()), now(), text("still here"))), List.of()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"accepted\":1}");
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT kind, reason, organization_id, phone_number_id, convert_from(raw, 'UTF8') AS raw
                FROM webhook_quarantine WHERE organization_id = ?""", organizationId);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("kind")).isEqualTo(kind);
            assertThat(row.get("reason")).isEqualTo(reason);
            assertThat(row.get("phone_number_id")).isEqualTo(phoneNumberId);
            assertThat((String) row.get("raw")).contains(rawFragment);
        });
        assertThat(meters.counter("crm.webhook.quarantined", "reason", reason).count()).isEqualTo(before + 1);
        awaitMessageRow(normal);
    }

    private List<String> quarantinedReasons() {
        return jdbc.queryForList("SELECT reason FROM webhook_quarantine WHERE organization_id = ? ORDER BY id",
                String.class, organizationId);
    }

    private void awaitMessageRow(String wamid) {
        awaitTrue("row in messages for " + wamid, () -> jdbc.queryForObject(
                "SELECT count(*) FROM messages WHERE id = ?", Integer.class, wamid) == 1);
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private String delivery(List<String> messages, List<String> statuses) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Test Contact"},"wa_id":"%s"}],
                "messages":[%s],"statuses":[%s]}}]}]}"""
                .formatted(phoneNumberId, CONTACT + "000", String.join(",", messages), String.join(",", statuses));
    }

    private static String message(String idJson, String fromJson, Object timestampJson, String textJson) {
        return """
                {"from":%s,"id":%s,"timestamp":%s,"type":"text","text":{"body":%s}}"""
                .formatted(fromJson, idJson, timestampJson, textJson);
    }

    private static String text(String jsonStringContent) {
        return "\"" + jsonStringContent + "\"";
    }

    private static String quoted(String jsonStringContent) {
        return "\"" + jsonStringContent + "\"";
    }

    private static String now() {
        return "\"" + Instant.now().getEpochSecond() + "\"";
    }

    private static String wamid() {
        return "wamid." + UUID.randomUUID();
    }

    private static String contact() {
        return CONTACT + (100 + (int) (Math.random() * 899));
    }
}
