package com.chatnation.crm.application.platform.deadletters;

import com.chatnation.crm.application.support.TestContacts;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.projections.crm.conversations.MessagesProjection;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read model that cannot apply an event parks it, with the later events of its aggregate, and every other event
 * goes on; the operator sees it, retries it after a fix or evicts it; the gauge and the health details count it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterIntegrationTest {

    private static final String GROUP = MessagesProjection.GROUP;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    AdminClient platform;

    @BeforeEach
    void client() {
        platform = new AdminClient("http://localhost:" + port);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    @Order(1)
    void aFailingEventWaitsWithItsAggregateWhileOtherContactsFlowOnAndARetryAppliesBothInOrder() throws Exception {
        Conversations org = new Conversations(platform, 50);
        String poisoned = phone();
        String other = phone();
        org.says(poisoned, "hello");
        await("the first message reaches messages", () -> inbound(poisoned, "hello") == 1);
        String stream = jdbc.queryForObject("SELECT DISTINCT stream_id FROM messages WHERE contact_phone = ?",
                String.class, poisoned);

        // a read-table constraint the next message of this contact violates: the projection cannot apply it
        String poison = "poison-" + UUID.randomUUID();
        jdbc.execute("ALTER TABLE messages ADD CONSTRAINT dead_letter_test CHECK (text IS DISTINCT FROM '"
                + poison + "')");
        try {
            org.says(poisoned, poison);
            org.says(other, "hi from another contact");
            await("another contact's message is not held back", () -> inbound(other, "hi from another contact") == 1);
            org.says(poisoned, "after the poison");

            await("the failing event and the later one of its aggregate are dead letters",
                    () -> lettersOf(stream).size() >= 2 && lettersOf(stream).stream()
                            .anyMatch(letter -> "MessageReceived".equals(letter.path("eventType").asText())
                                    && letter.path("sequenceIndex").asLong() > 0));
            List<JsonNode> letters = lettersOf(stream);
            JsonNode first = letters.stream().min((a, b) -> Long.compare(a.path("sequenceIndex").asLong(),
                    b.path("sequenceIndex").asLong())).orElseThrow();
            assertThat(first.path("eventType").asText()).isEqualTo("MessageReceived");
            assertThat(first.path("aggregateId").asText()).isEqualTo(stream);
            assertThat(first.path("globalIndex").asLong()).isPositive();
            assertThat(first.path("errorClass").asText()).contains("DataIntegrityViolation");
            assertThat(first.path("errorMessage").asText()).contains("dead_letter_test");
            assertThat(first.path("enqueuedAt").asText()).isNotEmpty();
            assertThat(first.path("retries").asLong()).isZero();
            assertThat(inbound(poisoned, poison)).isZero();
            assertThat(inbound(poisoned, "after the poison")).as("waits behind the parked event").isZero();

            // retried before the fix: fails again, counted, nothing lost
            JsonNode failed = platform.post(retryPath(stream), java.util.Map.of()).body();
            assertThat(failed.path("applied").asBoolean()).isFalse();
            // later events of the aggregate (its reply's delivery) may have joined the sequence since it was listed
            assertThat(failed.path("remaining").asLong()).isGreaterThanOrEqualTo(letters.size());
            assertThat(lettersOf(stream).stream().mapToLong(letter -> letter.path("retries").asLong()).max()
                    .orElseThrow()).isEqualTo(1);
        } finally {
            jdbc.execute("ALTER TABLE messages DROP CONSTRAINT IF EXISTS dead_letter_test");
        }

        AdminClient.Response retried = platform.post(retryPath(stream), java.util.Map.of());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("applied").asBoolean()).as(retried.toString()).isTrue();
        assertThat(inbound(poisoned, poison)).isEqualTo(1);
        assertThat(inbound(poisoned, "after the poison")).isEqualTo(1);
        Instant poisonAt = createdAt(poisoned, poison);
        Instant afterAt = createdAt(poisoned, "after the poison");
        assertThat(poisonAt).isBefore(afterAt);
        assertThat(lettersOf(stream)).isEmpty();
        // the aggregate flows live again
        org.says(poisoned, "all good now");
        await("the aggregate's next message is applied live", () -> inbound(poisoned, "all good now") == 1);
        assertThat(lettersOf(stream)).isEmpty();
    }

    @Test
    @Order(2)
    void aMessageWithoutIdIsADeadLetterCountedByTheGaugeAndTheHealthUntilEvicted() throws Exception {
        String conversation = "conversation-dead-letter-" + UUID.randomUUID();
        String contact = phone();
        Instant at = Instant.now();
        append(conversation, 0, new ConversationStarted(conversation, "session-1", "org-dead-letters", TestContacts.id(contact), contact, "Ann",
                at, Duration.ofHours(24)), at);
        append(conversation, 1, new MessageReceived(conversation, "session-1", "org-dead-letters", TestContacts.id(contact), contact, null, at,
                new MessageContent.Text("no id"), null, "Ann"), at);

        await("the message without id is a dead letter", () -> !lettersOf(conversation).isEmpty());
        assertThat(lettersOf(conversation).get(0).path("errorMessage").asText()).contains("null value");
        await("the gauge counts it", () -> gauge(GROUP) >= 1);
        JsonNode health = platform.get("/actuator/health").body();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("deadLetters").path("details").path("groups").path(GROUP).asLong())
                .isGreaterThanOrEqualTo(1);
        java.net.http.HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/actuator/health"))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).as("the public health says UP or DOWN only").contains("\"status\":\"UP\"")
                .doesNotContain("components", "details", "deadLetters");

        AdminClient.Response overview = platform.get("/admin/dead-letters");
        assertThat(overview.body().path("groups").path(GROUP).asLong()).isGreaterThanOrEqualTo(1);

        AdminClient.Response evicted = platform.delete("/admin/dead-letters/" + GROUP + "/" + conversation);
        assertThat(evicted.status()).isEqualTo(200);
        assertThat(evicted.body().path("evicted").asInt()).isEqualTo(1);
        assertThat(lettersOf(conversation)).isEmpty();
        await("the gauge drops", () -> gauge(GROUP) == 0);

        assertThat(platform.delete("/admin/dead-letters/" + GROUP + "/" + conversation).status()).isEqualTo(404);
        assertThat(platform.post(retryPath(conversation), java.util.Map.of()).status()).isEqualTo(404);
        assertThat(platform.get("/admin/dead-letters/no-such-group").status()).isEqualTo(404);
        assertThat(platform.get("/admin/dead-letters/no-such-group").body().path("code").asText())
                .isEqualTo("not_found");
    }

    /** Runs after the message without id was stored (and evicted): it is still in the event store. */
    @Test
    @Order(3)
    void aRebuildMeetingAnEventItsProjectionCannotApplyLeavesItOutReportsItAndCompletes() throws Exception {
        String checksumBefore = platform.get("/admin/replay/" + GROUP + "/checksums").body().path("messages").asText();
        assertThat(platform.post("/admin/replay/" + GROUP, java.util.Map.of()).status()).isEqualTo(202);
        JsonNode[] status = new JsonNode[1];
        await("the rebuild ends", () -> {
            status[0] = platform.get("/admin/replay/" + GROUP).body();
            return !"running".equals(status[0].path("state").asText());
        });
        assertThat(status[0].path("state").asText()).as(status[0].toString()).isEqualTo("completed");
        assertThat(status[0].path("failedEvents").asInt()).as(status[0].toString()).isGreaterThanOrEqualTo(1);
        assertThat(status[0].path("firstFailures").toString()).contains("MessageReceived").contains("null value");
        assertThat(platform.get("/admin/replay/" + GROUP + "/checksums").body().path("messages").asText())
                .as("the rebuilt table is the live one: both went on without the event").isEqualTo(checksumBefore);
        Conversations org = new Conversations(platform, 10);
        String contact = phone();
        org.says(contact, "after the rebuild");
        await("the live projection goes on", () -> inbound(contact, "after the rebuild") == 1);
    }

    private String retryPath(String sequence) {
        return "/admin/dead-letters/" + GROUP + "/" + sequence + "/retry";
    }

    private List<JsonNode> lettersOf(String sequence) {
        AdminClient.Response listed = platform.get("/admin/dead-letters/" + GROUP);
        assertThat(listed.status()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        listed.body().path("letters").forEach(letter -> {
            if (sequence.equals(letter.path("sequenceId").asText())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private double gauge(String group) {
        AdminClient.Response metric = platform.get("/actuator/metrics/crm.dead.letters?tag=group:" + group);
        return metric.body().path("measurements").path(0).path("value").asDouble(-1);
    }

    private int inbound(String phone, String text) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM messages WHERE contact_phone = ? AND direction = 'inbound' AND text = ?""",
                Integer.class, phone, text);
        return count == null ? 0 : count;
    }

    private Instant createdAt(String phone, String text) {
        return jdbc.queryForObject("""
                SELECT created_at FROM messages WHERE contact_phone = ? AND direction = 'inbound' AND text = ?""",
                java.sql.Timestamp.class, phone, text).toInstant();
    }

    private void append(String aggregate, long sequence, Object payload, Instant at) {
        SerializedObject<byte[]> data = eventSerializer.serialize(payload, byte[].class);
        byte[] metadata = eventSerializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
        jdbc.update("""
                        INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                                                      metadata, payload, payloadrevision, payloadtype, timestamp)
                        VALUES (?, ?, 'Conversation', ?, ?, ?, ?, ?, ?)""",
                aggregate, sequence, UUID.randomUUID().toString(), metadata, data.getData(),
                data.getType().getRevision(), data.getType().getName(), at.toString());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
