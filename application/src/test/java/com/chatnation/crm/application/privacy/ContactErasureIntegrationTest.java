package com.chatnation.crm.application.privacy;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact's erasure end to end, on the real service and database: nothing of their number or words can be found
 * in any table afterwards (events, snapshots, read tables, queues: the raw bytes are searched), a full rebuild
 * still succeeds and gives the other contacts' rows exactly as before, and rollup and funnel counts are unchanged.
 * Also export and retention, which share the slice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactErasureIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The CRM tables that hold a contact's rows, with the column naming the contact. */
    private static final Map<String, String> CONTACT_TABLES = Map.of("contacts", "id", "conversations", "contact_id",
            "messages", "contact_id", "survey_responses", "contact_id");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    private static String marker() {
        return "zebra" + (100_000 + (long) (Math.random() * 899_999)) + "quill";
    }

    @Test
    void anErasedContactLeavesNoTraceButTheCountsStay() throws Exception {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        Conversations org = new Conversations(platform, 200);
        org.publishFeedbackSurvey("feedback");
        String erased = phone();
        String kept = phone();
        String secret = marker();
        String keptWords = marker();
        for (String[] turn : new String[][] {{erased, "hello " + secret}, {erased, "feedback"}, {erased, "5"},
                {erased, "yes"}, {erased, "the music, " + secret}, {kept, "hello " + keptWords}, {kept, "feedback"},
                {kept, "4"}}) {
            org.says(turn[0], turn[1]);
        }
        String contactId = await(() -> contactIdOf(org.organizationId, erased));
        String keptId = await(() -> contactIdOf(org.organizationId, kept));
        waitFor(() -> count("SELECT count(*) FROM survey_responses WHERE contact_id = ?::uuid", contactId) == 1
                && count("SELECT count(*) FROM messages WHERE contact_id = ?::uuid", keptId) >= 4);
        assertThat(occurrences(erased.substring(1))).as("before erasure the number is in the read tables").isNotEmpty();
        // the team answers them and notes what they said: a person's words about the contact go with the contact's
        String session = jdbc.queryForObject("SELECT id FROM conversations WHERE organization_id = ? "
                + "AND contact_id = ?::uuid ORDER BY started_at DESC LIMIT 1", String.class, org.organizationId, contactId);
        assertThat(org.admin.post(org.path("/inbox/" + session + "/replies"), Map.of("text", "Noted: " + secret))
                .status()).isEqualTo(202);
        assertThat(org.admin.post(org.path("/inbox/" + session + "/notes"), Map.of("text", "They said " + secret))
                .status()).isEqualTo(201);
        waitFor(() -> count("SELECT count(*) FROM conversation_notes WHERE contact_id = ?::uuid", contactId) == 1
                && count("SELECT count(*) FROM messages WHERE contact_id = ?::uuid AND agent_id IS NOT NULL",
                contactId) == 1);
        // every reply handed to WhatsApp and its row settled, so the other contacts' rows no longer change
        waitFor(() -> count("""
                SELECT count(*) FROM messages m WHERE m.organization_id = ? AND m.direction = 'outbound'
                  AND (m.status <> 'sent' OR NOT EXISTS (SELECT 1 FROM outbound_replies r
                       WHERE r.reply_id = m.id AND r.status = 'sent'))""", org.organizationId) == 0
                && count("SELECT count(*) FROM messages WHERE organization_id = ? AND direction = 'outbound'",
                org.organizationId) == count("SELECT count(*) FROM outbound_replies WHERE organization_id = ?",
                org.organizationId));

        Map<String, String> othersBefore = checksumsWithout(org.organizationId, contactId);
        Map<String, Long> rollupsBefore = rollupTotals(org.organizationId);
        JsonNode funnelBefore = org.admin.get(org.path("/funnels/engagement")).body();

        JsonNode exported = org.admin.get(org.path("/contacts/" + contactId + "/export")).body();
        assertThat(exported.path("contact").path("phone").asText()).isEqualTo(erased);
        assertThat(exported.path("messages").toString()).contains(secret);
        assertThat(exported.path("surveyResponses")).hasSize(1);

        AdminClient.Response erasure = org.admin.post(org.path("/contacts/" + contactId + "/erasure"),
                Map.of("reason", "data subject request"));
        assertThat(erasure.status()).as(erasure.toString()).isEqualTo(200);
        assertThat(erasure.body().path("keysDestroyed").asInt()).isGreaterThanOrEqualTo(2);
        waitFor(() -> count("SELECT count(*) FROM contacts WHERE id = ?::uuid", contactId) == 0
                && count("SELECT count(*) FROM messages WHERE contact_id = ?::uuid", contactId) == 0
                && count("SELECT count(*) FROM survey_responses WHERE contact_id = ?::uuid", contactId) == 0);

        assertThat(occurrences(erased.substring(1))).as("tables holding the erased number").isEmpty();
        assertThat(occurrences(secret)).as("tables holding the erased contact's words").isEmpty();
        assertThat(occurrences(keptWords)).as("the other contact is untouched").isNotEmpty();
        assertThat(org.admin.get(org.path("/contacts/" + contactId + "/export")).status()).isEqualTo(404);
        assertThat(org.admin.post(org.path("/contacts/" + contactId + "/erasure"), Map.of()).status()).isEqualTo(404);
        assertThat(checksumsWithout(org.organizationId, "00000000-0000-0000-0000-000000000000"))
                .as("live tables: the other contacts' rows exactly as before").isEqualTo(othersBefore);

        AdminClient.Response rebuild = platform.post("/admin/replay/all", Map.of());
        assertThat(rebuild.status()).isEqualTo(202);
        JsonNode finished = awaitRebuild(platform);
        assertThat(finished.path("state").asText()).as(finished.toString()).isEqualTo("completed");
        assertThat(checksumsWithout(org.organizationId, "00000000-0000-0000-0000-000000000000"))
                .as("rebuilt tables are those of a history where the contact never wrote").isEqualTo(othersBefore);
        assertThat(occurrences(erased.substring(1))).as("after the rebuild").isEmpty();
        assertThat(occurrences(secret)).as("after the rebuild").isEmpty();
        assertThat(rollupTotals(org.organizationId)).as("rollup counts").isEqualTo(rollupsBefore);
        assertThat(org.admin.get(org.path("/funnels/engagement")).body()).as("funnel").isEqualTo(funnelBefore);

        // the number writes again: a new contact, unrelated to the erased one
        org.says(erased, "hi again");
        String newId = await(() -> contactIdOf(org.organizationId, erased));
        assertThat(newId).isNotEqualTo(contactId);
    }

    @Test
    void retentionBlanksOldTextsAndIsAnOrganizationSetting() {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        Conversations org = new Conversations(platform, 50);
        String contact = phone();
        String words = marker();
        org.says(contact, "hello " + words);
        waitFor(() -> count("SELECT count(*) FROM messages WHERE organization_id = ? AND text LIKE ?",
                org.organizationId, "%" + words + "%") == 1);
        assertThat(org.admin.get(org.path("/settings/message-retention")).body().path("days").isIntegralNumber())
                .as("no limit until one is set").isFalse();
        String session = jdbc.queryForObject("SELECT id FROM conversations WHERE organization_id = ? LIMIT 1",
                String.class, org.organizationId);
        assertThat(org.admin.post(org.path("/inbox/" + session + "/notes"), Map.of("text", "asked about " + words))
                .status()).isEqualTo(201);
        waitFor(() -> count("SELECT count(*) FROM conversation_notes WHERE organization_id = ? AND text LIKE ?",
                org.organizationId, "%" + words + "%") == 1);
        // the message and the note are made a month old, as if time had passed
        jdbc.update("UPDATE messages SET created_at = created_at - interval '40 days' WHERE organization_id = ?",
                org.organizationId);
        jdbc.update("UPDATE conversation_notes SET created_at = created_at - interval '40 days' "
                + "WHERE organization_id = ?", org.organizationId);

        // a text key of a month long past (of no message here: a real one would make this history unreadable)
        jdbc.update("""
                INSERT INTO personal_data_keys (key_id, contact_id, organization_id, period, wrapped_key, created_at)
                VALUES (?, 'gone', ?, '2020-01', '\\x00'::bytea, now())""", "gone-" + org.organizationId + "/2020-01",
                org.organizationId);

        AdminClient.Response set = org.admin.put(org.path("/settings/message-retention"), Map.of("days", 30));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM personal_data_keys WHERE organization_id = ? AND period = '2020-01'",
                org.organizationId)).as("the old month's key is destroyed").isZero();
        // and the read models are told, in the same transaction, from when texts can no longer be read
        String firstKept = java.time.YearMonth.from(java.time.Instant.now().minus(java.time.Duration.ofDays(30))
                .atOffset(java.time.ZoneOffset.UTC)).atDay(1) + "T00:00:00Z";
        assertThat(jdbc.queryForList("""
                        SELECT payload ->> 'keysDestroyed' || ' ' || (payload ->> 'before') FROM event_log
                        WHERE event_type = 'MessageTextsExpired' AND payload ->> 'organizationId' = ?""",
                String.class, org.organizationId)).containsExactly("1 " + firstKept);

        assertThat(org.admin.get(org.path("/settings/message-retention")).body().path("days").asInt()).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM messages WHERE organization_id = ? AND (text LIKE ? OR content::text LIKE ?)",
                org.organizationId, "%" + words + "%", "%" + words + "%")).isZero();
        assertThat(count("SELECT count(*) FROM messages WHERE organization_id = ?", org.organizationId))
                .as("the messages stay, without their texts").isPositive();
        assertThat(count("SELECT count(*) FROM conversation_notes WHERE organization_id = ? AND text IS NULL",
                org.organizationId)).as("the note stays, without its text").isEqualTo(1);
        assertThat(org.admin.put(org.path("/settings/message-retention"), Map.of("days", 0)).status()).isEqualTo(422);
    }

    private String contactIdOf(String organizationId, String phone) {
        List<String> ids = jdbc.queryForList("SELECT id::text FROM contacts WHERE organization_id = ? AND phone = ?",
                String.class, organizationId, phone);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private long count(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }

    /** Every table of the database whose rows contain the text, or its bytes in a bytea column. */
    private List<String> occurrences(String text) {
        String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
        List<String> found = new ArrayList<>();
        for (Map<String, Object> table : jdbc.queryForList("""
                SELECT table_schema, table_name FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")) {
            String name = "\"" + table.get("table_schema") + "\".\"" + table.get("table_name") + "\"";
            if (count("SELECT count(*) FROM " + name + " t WHERE position(? IN t::text) > 0 OR position(? IN t::text) > 0",
                    text, hex) > 0) {
                found.add(name);
            }
        }
        return found;
    }

    /** Per CRM table, a digest of the organization's rows that are not the contact's. */
    private Map<String, String> checksumsWithout(String organizationId, String contactId) {
        Map<String, String> sums = new LinkedHashMap<>();
        CONTACT_TABLES.forEach((table, column) -> sums.put(table, jdbc.queryForObject(
                "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table
                        + " t WHERE organization_id = ? AND " + column + " <> ?::uuid",
                String.class, organizationId, contactId)));
        return sums;
    }

    private Map<String, Long> rollupTotals(String organizationId) {
        Map<String, Long> totals = new LinkedHashMap<>();
        jdbc.query("SELECT metric, sum(value)::bigint FROM daily_rollups WHERE organization_id = ? GROUP BY metric "
                + "ORDER BY metric", rs -> {
            totals.put(rs.getString(1), rs.getLong(2));
        }, organizationId);
        return totals;
    }

    private JsonNode awaitRebuild(AdminClient platform) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(until)) {
            JsonNode status = platform.get("/admin/replay/all").body();
            if (!"running".equals(status.path("state").asText())) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the rebuild did not finish");
    }

    private static <T> T await(java.util.function.Supplier<T> value) {
        Instant until = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(until)) {
            T found = value.get();
            if (found != null) {
                return found;
            }
            sleep();
        }
        throw new AssertionError("nothing found in " + WAIT);
    }

    private static void waitFor(BooleanSupplier condition) {
        Instant until = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("condition not reached in " + WAIT);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
