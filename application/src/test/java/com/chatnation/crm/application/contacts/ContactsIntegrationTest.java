package com.chatnation.crm.application.contacts;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tags, attributes and consent over the API, CSV imports and erasure, on the real service and database: what the
 * API accepts reaches the read tables and the contact endpoint, what it refuses changes nothing, an import reports
 * every row and applies only the good ones (once, however often the file is sent), and an erased contact leaves no
 * profile row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    void tagsAttributesAndConsentRoundTripThroughTheApi() {
        Conversations org = new Conversations(new AdminClient("http://localhost:" + port), 50);
        String phone = phone();
        org.says(phone, "hi");
        String contactId = await(() -> contactIdOf(org.organizationId, phone));
        String contact = org.path("/contacts/" + contactId);

        assertThat(org.admin.put(contact + "/tags/VIP", Map.of()).status()).isEqualTo(204);
        assertThat(org.admin.put(contact + "/tags/donor", Map.of()).status()).isEqualTo(204);
        assertThat(org.admin.put(contact + "/tags/vip", Map.of()).status()).as("again: nothing changes").isEqualTo(204);
        assertThat(org.admin.put(contact + "/attributes/city", Map.of("value", "Nairobi")).status()).isEqualTo(204);
        assertThat(org.admin.put(contact + "/attributes/age_band", Map.of("value", "25-34")).status()).isEqualTo(204);
        assertThat(org.admin.put(contact + "/consent", Map.of("status", "opted_in",
                "recordedAt", "2026-11-30T10:00:00Z")).status()).isEqualTo(204);

        JsonNode shown = awaitBody(() -> org.admin.get(contact).body(),
                body -> body.path("attributes").size() == 2 && body.path("consent").isObject()
                        && body.path("tags").size() == 2);
        assertThat(shown.path("phone").asText()).isEqualTo(phone);
        assertThat(texts(shown.path("tags"))).containsExactly("donor", "vip");
        assertThat(shown.path("attributes").path("city").asText()).isEqualTo("Nairobi");
        assertThat(shown.path("attributes").path("age_band").asText()).isEqualTo("25-34");
        assertThat(shown.path("consent").path("status").asText()).isEqualTo("opted_in");
        assertThat(shown.path("consent").path("source").asText()).isEqualTo("api");
        assertThat(Instant.parse(shown.path("consent").path("recordedAt").asText()))
                .isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(count("SELECT count(*) FROM event_log WHERE aggregate_id = ? AND event_type = 'ContactTagged'",
                "contact-profile-" + org.organizationId + "-" + contactId)).as("one event per real change").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT payload::text FROM event_log WHERE aggregate_id = ? "
                        + "AND event_type = 'ContactAttributeSet' ORDER BY sequence_number LIMIT 1", String.class,
                "contact-profile-" + org.organizationId + "-" + contactId))
                .as("attribute values are sealed in the event store").doesNotContain("Nairobi").contains("pd1:");

        waitFor(() -> count("SELECT count(*) FROM audit_log WHERE organization_id = ? "
                + "AND action = 'ContactAttributeSet'", org.organizationId) == 2);
        assertThat(count("SELECT count(*) FROM audit_log WHERE organization_id = ? AND details::text LIKE '%Nairobi%'",
                org.organizationId)).as("the audit log names the change, not the contact's value").isZero();

        assertThat(org.admin.delete(contact + "/tags/VIP").status()).isEqualTo(204);
        assertThat(org.admin.delete(contact + "/attributes/age_band").status()).isEqualTo(204);
        assertThat(org.admin.delete(contact + "/attributes/never_set").status()).isEqualTo(204);
        assertThat(org.admin.put(contact + "/consent", Map.of("status", "OPTED_OUT")).status()).isEqualTo(204);
        JsonNode after = awaitBody(() -> org.admin.get(contact).body(),
                body -> body.path("tags").size() == 1 && body.path("attributes").size() == 1
                        && body.path("consent").path("status").asText().equals("opted_out"));
        assertThat(texts(after.path("tags"))).containsExactly("donor");
        assertThat(after.path("attributes").has("age_band")).isFalse();

        // refusals change nothing
        assertThat(org.admin.put(contact + "/tags/bad%20tag!", Map.of()).body().path("code").asText())
                .isEqualTo("invalid_tag");
        AdminClient.Response badKey = org.admin.put(contact + "/attributes/City", Map.of("value", "x"));
        assertThat(badKey.status()).isEqualTo(422);
        assertThat(badKey.text("code")).isEqualTo("invalid_attribute_key");
        assertThat(org.admin.put(contact + "/attributes/note", Map.of("value", "x".repeat(1001))).text("code"))
                .isEqualTo("invalid_attribute_value");
        assertThat(org.admin.put(contact + "/attributes/note", Map.of("value", "   ")).status()).isEqualTo(422);
        assertThat(org.admin.put(contact + "/consent", Map.of("status", "maybe")).status()).isEqualTo(400);
        assertThat(org.admin.put(contact + "/consent", Map.of()).status()).isEqualTo(400);
        assertThat(org.admin.put(contact + "/consent", Map.of("status", "opted_in",
                "recordedAt", Instant.now().plus(Duration.ofHours(1)).toString())).status()).isEqualTo(400);
        String unknown = org.path("/contacts/" + java.util.UUID.randomUUID());
        assertThat(org.admin.put(unknown + "/tags/vip", Map.of()).status()).isEqualTo(404);
        assertThat(org.admin.get(unknown).status()).isEqualTo(404);
        sleep(300);
        assertThat(count("SELECT count(*) FROM contact_attributes WHERE contact_id = ?::uuid", contactId)).isEqualTo(1);
        assertThat(texts(org.admin.get(contact).body().path("tags"))).containsExactly("donor");

        // another organization cannot name this contact
        Conversations other = new Conversations(new AdminClient("http://localhost:" + port), 0);
        assertThat(other.admin.put(other.path("/contacts/" + contactId + "/tags/vip"), Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void aCsvImportAppliesTheGoodRowsOnceAndReportsTheBadOnes() throws Exception {
        Conversations org = new Conversations(new AdminClient("http://localhost:" + port), 50);
        String wrote = "+254711000010";
        org.says(wrote, "hi");
        String wroteId = await(() -> contactIdOf(org.organizationId, wrote));
        String csv = """
                phone,Name,tags,consent,city
                +254711000001,Alice,vip;Donor,yes,Nairobi
                0711 000 002,Bob,,,
                254 711-000-003,Carol,VIP,no,Mombasa
                +254711000001,Alice again,,,
                +254711000004,Dan,bad tag!,,
                +254711000005,Eve,,maybe,
                +254711000006,"Frank, Jr.",friends,,"Kisumu"
                +254711000007,Gina,,,Nakuru,extra
                00254711000010,,returning,opted_in,
                """;
        HttpResponse<String> first = postCsv(org, csv, "text/csv");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(first.body());
        assertThat(report.path("rows").asInt()).isEqualTo(9);
        assertThat(report.path("accepted").asInt()).isEqualTo(4);
        assertThat(report.path("refused").asInt()).isEqualTo(5);
        List<Integer> acceptedRows = new ArrayList<>();
        report.path("acceptedRows").forEach(row -> acceptedRows.add(row.path("row").asInt()));
        assertThat(acceptedRows).containsExactly(2, 4, 8, 10);
        List<String> refused = new ArrayList<>();
        report.path("refusedRows").forEach(row -> refused.add(row.path("row").asInt() + " " + row.path("reason").asText()));
        assertThat(refused).hasSize(5);
        assertThat(refused.get(0)).startsWith("3 phone: '0711 000 002' is not in international (E.164) form");
        assertThat(refused.get(1)).isEqualTo("5 duplicate: the same phone number as row 2");
        assertThat(refused.get(2)).startsWith("6 tag 'bad tag!' must be");
        assertThat(refused.get(3)).startsWith("7 consent: 'maybe' is not one of");
        assertThat(refused.get(4)).isEqualTo("9 has 6 fields, the header has 5");
        String returningId = report.path("acceptedRows").get(3).path("contactId").asText();
        assertThat(returningId).as("a contact who wrote keeps their id").isEqualTo(wroteId);

        String aliceId = report.path("acceptedRows").get(0).path("contactId").asText();
        JsonNode alice = awaitBody(() -> org.admin.get(org.path("/contacts/" + aliceId)).body(),
                body -> body.path("consent").isObject() && body.path("attributes").size() == 1
                        && body.path("tags").size() == 2);
        assertThat(alice.path("phone").asText()).isEqualTo("+254711000001");
        assertThat(alice.path("name").asText()).isEqualTo("Alice");
        assertThat(alice.hasNonNull("lastSeenAt")).as("never wrote").isFalse();
        assertThat(texts(alice.path("tags"))).containsExactly("donor", "vip");
        assertThat(alice.path("attributes").path("city").asText()).isEqualTo("Nairobi");
        assertThat(alice.path("consent").path("source").asText()).isEqualTo("import");
        String frankId = report.path("acceptedRows").get(2).path("contactId").asText();
        JsonNode frank = awaitBody(() -> org.admin.get(org.path("/contacts/" + frankId)).body(),
                body -> body.path("attributes").size() == 1);
        assertThat(frank.path("name").asText()).isEqualTo("Frank, Jr.");
        assertThat(frank.path("attributes").path("city").asText()).isEqualTo("Kisumu");
        JsonNode returning = awaitBody(() -> org.admin.get(org.path("/contacts/" + wroteId)).body(),
                body -> body.path("tags").size() == 1);
        assertThat(returning.path("messageCount").asInt()).isEqualTo(1);
        assertThat(returning.path("consent").path("status").asText()).isEqualTo("opted_in");

        await(() -> count("SELECT count(*) FROM contact_profiles WHERE organization_id = ?", org.organizationId) == 4
                ? "" : null);
        long events = profileEvents(org.organizationId);
        assertThat(events).as("4 imported, 5 tags, 3 attributes, 3 consents").isEqualTo(15);

        waitFor(() -> count("SELECT count(*) FROM audit_log WHERE organization_id = ? AND action = 'ContactImported'",
                org.organizationId) == 4);
        assertThat(count("SELECT count(*) FROM audit_log WHERE organization_id = ? AND (details::text LIKE "
                + "'%711000001%' OR details::text LIKE '%Nairobi%' OR details::text LIKE '%Alice%')", org.organizationId))
                .as("imported numbers, names and values stay out of the audit log").isZero();

        HttpResponse<String> again = postCsv(org, csv, "text/plain");
        JsonNode second = JSON.readTree(again.body());
        assertThat(second.path("acceptedRows")).isEqualTo(report.path("acceptedRows"));
        assertThat(second.path("refusedRows")).isEqualTo(report.path("refusedRows"));
        assertThat(profileEvents(org.organizationId)).as("importing again records nothing").isEqualTo(events);
        assertThat(count("SELECT count(*) FROM contact_directory WHERE organization_id = ?", org.organizationId))
                .as("one directory entry per number").isEqualTo(4);

        // files refused as a whole import nothing
        assertThat(postCsv(org, "name,tags\nAlice,vip\n", "text/csv").statusCode()).isEqualTo(400);
        assertThat(postCsv(org, "phone,Home Town\n+254711000020,Nakuru\n", "text/csv").statusCode()).isEqualTo(400);
        assertThat(postCsv(org, "phone,name\n", "text/csv").statusCode()).isEqualTo(400);
        assertThat(postCsv(org, "", "text/csv").statusCode()).isEqualTo(400);
        assertThat(postCsv(org, "phone,name\n+254711000021,\"Open\n", "text/csv").statusCode()).isEqualTo(400);
        assertThat(postCsv(org, "phone,name\n+254711000022,x\n", "application/json").statusCode()).isEqualTo(415);
        String huge = "phone,note\n" + ("+254711000023," + "x".repeat(998) + "\n").repeat(5_300);
        assertThat(postCsv(org, huge, "text/csv").statusCode()).isEqualTo(413);
        sleep(300);
        assertThat(profileEvents(org.organizationId)).isEqualTo(events);
        assertThat(count("SELECT count(*) FROM contact_profiles WHERE organization_id = ?", org.organizationId))
                .isEqualTo(4);
    }

    @Test
    void aRowItsContactsProfileRefusesIsReportedAndTheOtherRowsAreImported() throws Exception {
        Conversations org = new Conversations(new AdminClient("http://localhost:" + port), 50);
        String full = "+254733000001";
        org.says(full, "hi");
        String fullId = await(() -> contactIdOf(org.organizationId, full));
        for (int i = 0; i < 100; i++) {
            assertThat(org.admin.put(org.path("/contacts/" + fullId + "/tags/t" + i), Map.of()).status()).isEqualTo(204);
        }
        HttpResponse<String> response = postCsv(org, "phone,tags\n+254733000002,new\n" + full + ",one-more\n"
                + "+254733000003,new\n", "text/csv");
        JsonNode report = JSON.readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(report.path("acceptedRows").findValuesAsText("row")).containsExactly("2", "4");
        assertThat(report.path("refusedRows").get(0).path("row").asInt()).isEqualTo(3);
        assertThat(report.path("refusedRows").get(0).path("reason").asText()).contains("at most 100 tags");
        waitFor(() -> count("SELECT count(*) FROM contact_profiles WHERE organization_id = ?", org.organizationId) == 2);
        sleep(300);
        assertThat(count("SELECT count(*) FROM contact_tags WHERE contact_id = ?::uuid", fullId)).isEqualTo(100);
        assertThat(count("SELECT count(*) FROM contact_profiles WHERE contact_id = ?::uuid", fullId))
                .as("the refused row left nothing of itself").isZero();
    }

    @Test
    void erasureRemovesTheProfileRowsOfContactsWhoWroteAndOfImportedOnes() throws Exception {
        Conversations org = new Conversations(new AdminClient("http://localhost:" + port), 50);
        String phone = phone();
        org.says(phone, "hi");
        String wroteId = await(() -> contactIdOf(org.organizationId, phone));
        org.admin.put(org.path("/contacts/" + wroteId + "/tags/vip"), Map.of());
        org.admin.put(org.path("/contacts/" + wroteId + "/attributes/city"), Map.of("value", "Nairobi"));
        org.admin.put(org.path("/contacts/" + wroteId + "/consent"), Map.of("status", "opted_in"));
        JsonNode report = JSON.readTree(postCsv(org, "phone,name,tags,consent,city\n+254722000001,Imported,vip,yes,Nakuru\n",
                "text/csv").body());
        String importedId = report.path("acceptedRows").get(0).path("contactId").asText();
        String keptPhone = phone();
        org.says(keptPhone, "hi");
        String keptId = await(() -> contactIdOf(org.organizationId, keptPhone));
        org.admin.put(org.path("/contacts/" + keptId + "/tags/vip"), Map.of());
        await(() -> rowsOf(wroteId) == 3 && rowsOf(importedId) == 4 && rowsOf(keptId) == 1 ? "" : null);

        for (String id : List.of(wroteId, importedId)) {
            AdminClient.Response erased = org.admin.post(org.path("/contacts/" + id + "/erasure"),
                    Map.of("reason", "request"));
            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        }
        await(() -> rowsOf(wroteId) == 0 && rowsOf(importedId) == 0 ? "" : null);
        assertThat(rowsOf(keptId)).as("another contact keeps theirs").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM contact_profiles WHERE phone = ?", "+254722000001")).isZero();
        assertThat(org.admin.put(org.path("/contacts/" + importedId + "/tags/vip"), Map.of()).status())
                .as("an erased contact cannot be tagged").isEqualTo(404);
        assertThat(org.admin.get(org.path("/contacts/" + importedId)).status()).isEqualTo(404);
    }

    private long rowsOf(String contactId) {
        return count("SELECT (SELECT count(*) FROM contact_tags WHERE contact_id = ?::uuid)"
                + " + (SELECT count(*) FROM contact_attributes WHERE contact_id = ?::uuid)"
                + " + (SELECT count(*) FROM contact_consent WHERE contact_id = ?::uuid)"
                + " + (SELECT count(*) FROM contact_profiles WHERE contact_id = ?::uuid)",
                contactId, contactId, contactId, contactId);
    }

    private long profileEvents(String organizationId) {
        return count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier LIKE ?",
                "contact-profile-" + organizationId + "-%");
    }

    private HttpResponse<String> postCsv(Conversations org, String csv, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + org.path("/contacts/imports")))
                        .header("Authorization", "Bearer " + org.admin.token())
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String contactIdOf(String organizationId, String phone) {
        return jdbc.queryForList("SELECT id::text FROM contacts WHERE organization_id = ? AND phone = ?", String.class,
                organizationId, phone).stream().findFirst().orElse(null);
    }

    private long count(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    static <T> T await(Supplier<T> value) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            T found = value.get();
            if (found != null) {
                return found;
            }
            sleep(50);
        }
        throw new AssertionError("not there within " + WAIT);
    }

    static JsonNode awaitBody(Supplier<JsonNode> body, java.util.function.Predicate<JsonNode> ready) {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = body.get();
            if (ready.test(last)) {
                return last;
            }
            sleep(50);
        }
        throw new AssertionError("not ready within " + WAIT + ": " + last);
    }

    static void waitFor(BooleanSupplier condition) {
        await(() -> condition.getAsBoolean() ? "" : null);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
