package com.chatnation.crm.application.contacts;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.chatnation.crm.application.contacts.ContactsIntegrationTest.await;
import static com.chatnation.crm.application.contacts.ContactsIntegrationTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved audiences on the real service and database. Four contacts of one organization, each made the way it
 * happens in production: Amina writes, answers a survey whose first question is saved as her {@code city}
 * attribute, is tagged and opts in; Baraka writes and is tagged; Chebet arrives only by import (tagged, opted
 * out); Daudi buys and pays a ticket. Every filter kind, and an AND of two, previews exactly the contacts it
 * should, and the audience API refuses what it cannot run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AudiencesIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Conversations org;
    private Instant before;
    private String surveyId;
    private String eventId;
    private String amina;
    private String baraka;
    private String chebet;
    private String daudi;

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @BeforeAll
    void contacts() throws Exception {
        org = new Conversations(new AdminClient("http://localhost:" + port), 500);
        before = Instant.now().minus(1, ChronoUnit.MINUTES);
        AdminClient.Response survey = org.admin.post(org.path("/surveys"), Map.of(
                "title", "Where from", "keywords", List.of("poll"),
                "questions", List.of(
                        Map.of("id", "q1", "text", "Which city are you in?", "type", "FREE_TEXT", "required", true,
                                "saveAs", "city"),
                        Map.of("id", "q2", "text", "Would you come again?", "type", "YES_NO", "required", true))));
        assertThat(survey.status()).as(survey.toString()).isEqualTo(201);
        surveyId = survey.text("surveyId");
        eventId = org.createEvent("Gospel Night", 10);

        String aminaPhone = phone();
        for (String text : List.of("hi", "poll", "Nairobi", "yes")) {
            org.says(aminaPhone, text);
        }
        amina = await(() -> contactIdOf(aminaPhone));
        String barakaPhone = phone();
        org.says(barakaPhone, "hi");
        baraka = await(() -> contactIdOf(barakaPhone));
        assertThat(org.admin.put(org.path("/contacts/" + amina + "/tags/vip"), Map.of()).status()).isEqualTo(204);
        assertThat(org.admin.put(org.path("/contacts/" + amina + "/consent"), Map.of("status", "opted_in")).status())
                .isEqualTo(204);
        assertThat(org.admin.put(org.path("/contacts/" + baraka + "/tags/donor"), Map.of()).status()).isEqualTo(204);
        assertThat(org.admin.put(org.path("/contacts/" + baraka + "/attributes/city"), Map.of("value", "Mombasa"))
                .status()).isEqualTo(204);

        HttpResponse<String> imported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + org.path("/contacts/imports")))
                        .header("Authorization", "Bearer " + org.admin.token()).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString("phone,name,tags,consent,city\n"
                                + phone() + ",Chebet,vip,no,nairobi\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        chebet = new com.fasterxml.jackson.databind.ObjectMapper().readTree(imported.body())
                .path("acceptedRows").get(0).path("contactId").asText();

        String daudiPhone = phone();
        org.says(daudiPhone, "tickets");
        org.taps(daudiPhone, "event:" + eventId, "Gospel Night", true);
        org.taps(daudiPhone, "tt:vip", "VIP", true);
        org.says(daudiPhone, "1");
        org.taps(daudiPhone, "ticket:confirm", "Yes, reserve", false);
        daudi = await(() -> contactIdOf(daudiPhone));
        String reservation = await(() -> jdbc.queryForList(
                "SELECT id FROM ticket_reservations WHERE contact_id = ?::uuid", String.class, daudi)
                .stream().findFirst().orElse(null));
        AdminClient.Response paid = org.admin.post(org.path("/ticket-reservations/" + reservation + "/payment"),
                Map.of("paymentReference", "mpesa-aud-1", "amountPaid", 5000));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);

        waitFor(() -> count("SELECT count(*) FROM participants WHERE contact_id = ?::uuid", daudi) == 1
                && count("SELECT count(*) FROM contact_attributes WHERE contact_id = ?::uuid AND value = 'Nairobi'",
                amina) == 1
                && count("SELECT count(*) FROM contact_consent WHERE organization_id = ?", org.organizationId) == 2
                && count("SELECT count(*) FROM contact_tags WHERE organization_id = ?", org.organizationId) == 3
                && count("SELECT count(*) FROM contact_attributes WHERE organization_id = ?", org.organizationId) == 3
                && count("SELECT count(*) FROM survey_responses WHERE contact_id = ?::uuid AND status = 'completed'",
                amina) == 1);
    }

    @Test
    void aSurveyAnswerIsKeptAsTheContactsAttribute() {
        JsonNode shown = org.admin.get(org.path("/contacts/" + amina)).body();
        assertThat(shown.path("attributes").path("city").asText()).isEqualTo("Nairobi");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE aggregate_id = ? "
                + "AND event_type = 'ContactAttributeSet'", Long.class, "contact-profile-" + org.organizationId + "-" + amina))
                .isEqualTo(1);
    }

    @Test
    void eachFilterKindPreviewsExactlyItsContacts() {
        assertThat(preview(List.of())).as("all contacts").containsExactlyInAnyOrder(amina, baraka, chebet, daudi);
        assertThat(preview(List.of(tag("vip")))).containsExactlyInAnyOrder(amina, chebet);
        assertThat(preview(List.of(tag("VIP", "donor")))).as("any of the tags").containsExactlyInAnyOrder(amina, baraka, chebet);
        assertThat(preview(List.of(Map.of("type", "attribute", "key", "city", "value", "NAIROBI"))))
                .as("attribute, any case").containsExactlyInAnyOrder(amina, chebet);
        assertThat(preview(List.of(Map.of("type", "survey", "surveyId", surveyId)))).containsExactly(amina);
        assertThat(preview(List.of(Map.of("type", "survey", "surveyId", surveyId, "questionId", "q2",
                "answer", "yes")))).containsExactly(amina);
        assertThat(preview(List.of(Map.of("type", "survey", "surveyId", surveyId, "questionId", "q2",
                "answer", "no")))).as("an audience of nobody").isEmpty();
        assertThat(preview(List.of(Map.of("type", "event", "eventId", eventId)))).containsExactly(daudi);
        assertThat(preview(List.of(Map.of("type", "active_since", "since", before.toString()))))
                .as("who wrote").containsExactlyInAnyOrder(amina, baraka, daudi);
        assertThat(preview(List.of(Map.of("type", "active_since", "since", Instant.now().plusSeconds(3600).toString()))))
                .isEmpty();
        assertThat(preview(List.of(Map.of("type", "consent", "status", "opted_out")))).containsExactly(chebet);
        assertThat(preview(List.of(tag("vip"), Map.of("type", "active_since", "since", before.toString()))))
                .as("AND").containsExactly(amina);
    }

    @Test
    void thePreviewCountsAndListsTheFirstContactsWithTheirNumbers() {
        String id = create("Everyone", List.of());
        JsonNode preview = org.admin.get(org.path("/audiences/" + id + "/preview")).body();
        assertThat(preview.path("size").asLong()).isEqualTo(4);
        assertThat(preview.path("first")).hasSize(4);
        List<String> ids = new ArrayList<>();
        preview.path("first").forEach(member -> {
            ids.add(member.path("contactId").asText());
            assertThat(member.path("phone").asText()).startsWith("+2547");
        });
        assertThat(ids).isSorted();
        preview.path("first").forEach(member -> {
            if (member.path("contactId").asText().equals(chebet)) {
                assertThat(member.path("name").asText()).isEqualTo("Chebet");
            }
        });
    }

    @Test
    void audiencesAreSavedReplacedListedAndDeleted() {
        String id = create("VIPs", List.of(tag("vip")));
        JsonNode saved = org.admin.get(org.path("/audiences/" + id)).body();
        assertThat(saved.path("name").asText()).isEqualTo("VIPs");
        assertThat(saved.path("conditions").get(0).path("type").asText()).isEqualTo("tag");
        assertThat(org.admin.get(org.path("/audiences")).body().findValuesAsText("id")).contains(id);

        AdminClient.Response replaced = org.admin.put(org.path("/audiences/" + id),
                Map.of("name", "Donors", "conditions", List.of(tag("donor"))));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(org.admin.get(org.path("/audiences/" + id + "/preview")).body().path("size").asLong()).isEqualTo(1);

        Conversations other = new Conversations(new AdminClient("http://localhost:" + port), 0);
        assertThat(other.admin.get(other.path("/audiences/" + id)).status()).as("another organization's").isEqualTo(404);
        assertThat(other.admin.get(other.path("/audiences/" + id + "/preview")).status()).isEqualTo(404);
        assertThat(other.admin.delete(other.path("/audiences/" + id)).status()).isEqualTo(404);

        assertThat(org.admin.delete(org.path("/audiences/" + id)).status()).isEqualTo(204);
        assertThat(org.admin.get(org.path("/audiences/" + id)).status()).isEqualTo(404);
        assertThat(org.admin.delete(org.path("/audiences/" + id)).status()).isEqualTo(404);
    }

    @Test
    void audiencesThatCannotRunAreRefusedAndNothingIsSaved() {
        long saved = count("SELECT count(*) FROM crm_config.audiences WHERE organization_id = ?", org.organizationId);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("conditions", List.of()),
                Map.of("name", "x".repeat(101)),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "horoscope"))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "tag", "tags", List.of()))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "tag", "tags", List.of("bad tag")))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "attribute", "key", "City", "value", "x"))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "attribute", "key", "city"))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "survey", "surveyId", "s", "answer", "yes"))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "survey"))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "event", "eventId", " "))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "active_since"))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "active_since", "since", "yesterday"))),
                Map.of("name", "x", "conditions", List.of(Map.of("type", "consent", "status", "maybe"))),
                Map.of("name", "x", "conditions", java.util.Collections.nCopies(11, tag("vip"))))) {
            AdminClient.Response refused = org.admin.post(org.path("/audiences"), bad);
            assertThat(refused.status()).as(bad + " → " + refused).isEqualTo(400);
        }
        assertThat(org.admin.get(org.path("/audiences/not-a-uuid")).status()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM crm_config.audiences WHERE organization_id = ?", org.organizationId))
                .isEqualTo(saved);
    }

    private static Map<String, Object> tag(String... tags) {
        return Map.of("type", "tag", "tags", List.of(tags));
    }

    private String create(String name, List<Map<String, Object>> conditions) {
        AdminClient.Response created = org.admin.post(org.path("/audiences"), Map.of("name", name,
                "conditions", conditions));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    /** Saves the audience, previews it, and answers the contact ids listed (all: these audiences are small). */
    private Set<String> preview(List<Map<String, Object>> conditions) {
        String id = create("audience", conditions);
        JsonNode preview = org.admin.get(org.path("/audiences/" + id + "/preview")).body();
        Set<String> ids = new TreeSet<>();
        preview.path("first").forEach(member -> ids.add(member.path("contactId").asText()));
        assertThat(preview.path("size").asLong()).as("size of " + conditions).isEqualTo(ids.size());
        return ids;
    }

    private String contactIdOf(String phone) {
        return jdbc.queryForList("SELECT id::text FROM contacts WHERE organization_id = ? AND phone = ?", String.class,
                org.organizationId, phone).stream().findFirst().orElse(null);
    }

    private long count(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }
}
