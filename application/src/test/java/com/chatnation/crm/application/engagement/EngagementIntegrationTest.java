package com.chatnation.crm.application.engagement;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.WebhookClient;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engagement and churn on the real service and database. Two contacts write today (Asha twice), a third only
 * arrives by import and never writes; Asha reads the bot's reply. Today both writers are new (one active day, first
 * message today); asked as of 40 days on, their gap of 40 days is within twice the usual gap a contact seen once is
 * given (30), so active; at 70 days on it is over twice (at risk); at 95 days on they have lapsed (90 days or more).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngagementIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private AdminClient.Onboarded org;
    private AdminClient owner;
    private String asha;
    private String bakari;
    private String imported;
    private Instant readAt;

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @BeforeAll
    void history() throws Exception {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        org = platform.onboard(Map.of("name", "Engagement org", "phoneNumberId", phoneNumberId,
                "prices", List.of(Map.of("module", "general", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", 0));
        owner = org.owner();
        assertThat(platform.post("/admin/organizations/" + org.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "engagement-1", "amount", 100)).status()).isBetween(200, 299);

        String ashaPhone = phone();
        String bakariPhone = phone();
        says(ashaPhone, "hi");
        says(ashaPhone, "hello again");
        says(bakariPhone, "hi");
        asha = await(() -> contactIdOf(ashaPhone));
        bakari = await(() -> contactIdOf(bakariPhone));
        HttpResponse<String> importedRows = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + org.path("/contacts/imports")))
                .header("Authorization", "Bearer " + owner.token()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("phone,name\n" + phone() + ",Chiku\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(importedRows.statusCode()).as(importedRows.body()).isEqualTo(200);
        imported = new com.fasterxml.jackson.databind.ObjectMapper().readTree(importedRows.body())
                .path("acceptedRows").get(0).path("contactId").asText();

        GraphApiStandIn.shared().awaitSentTo(ashaPhone, 1);
        String wamid = await(() -> jdbc.queryForList("""
                        SELECT whatsapp_message_id FROM outbound_replies
                        WHERE contact_phone = ? AND whatsapp_message_id IS NOT NULL ORDER BY sequence LIMIT 1""",
                String.class, ashaPhone).stream().findFirst().orElse(null));
        readAt = Instant.now();
        assertThat(new WebhookClient(port).postSigned(WebhookClient.status(phoneNumberId, ashaPhone.substring(1),
                wamid, "read", null)).statusCode()).isEqualTo(200);

        waitFor(() -> count("SELECT count(*) FROM engagement_reads WHERE organization_id = ?") == 1
                && count("SELECT count(*) FROM engagement_contacts WHERE organization_id = ?") == 2
                && count("SELECT coalesce(sum(reads), 0) FROM engagement_contacts WHERE organization_id = ?") == 1
                && count("SELECT count(*) FROM contact_profiles WHERE organization_id = ?") == 1);
    }

    private void says(String phone, String text) {
        AdminClient.Response response = owner.post(org.path("/inbound-messages"), Map.of("from", phone, "text", text));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    private String contactIdOf(String phone) {
        return jdbc.queryForList("SELECT id::text FROM contacts WHERE organization_id = ? AND phone = ?", String.class,
                org.organizationId(), phone).stream().findFirst().orElse(null);
    }

    private long count(String sql) {
        Long value = jdbc.queryForObject(sql, Long.class, org.organizationId());
        return value == null ? 0 : value;
    }

    private static String daysOn(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private JsonNode get(String path) {
        AdminClient.Response response = owner.get(org.path(path));
        assertThat(response.status()).as(path + " " + response).isEqualTo(200);
        return response.body();
    }

    private Map<String, String> segmentsOf(JsonNode page) {
        Map<String, String> segments = new java.util.TreeMap<>();
        page.path("items").forEach(row -> segments.put(row.path("contactId").asText(), row.path("segment").asText()));
        return segments;
    }

    @Test
    void contactsFiguresAndClassesFollowTheNowAsked() {
        JsonNode today = get("/engagement/contacts");
        assertThat(segmentsOf(today)).as("the imported contact never wrote").isEqualTo(Map.of(asha, "new", bakari, "new"));
        JsonNode ashaRow = null;
        for (JsonNode row : today.path("items")) {
            if (row.path("contactId").asText().equals(asha)) {
                ashaRow = row;
            }
        }
        assertThat(ashaRow).isNotNull();
        assertThat(ashaRow.path("activeDays").asInt()).as("two messages today: one active day").isEqualTo(1);
        assertThat(ashaRow.path("currentGapDays").asInt()).isZero();
        assertThat(ashaRow.hasNonNull("averageGapDays")).as("one active day: no average").isFalse();
        assertThat(ashaRow.path("reads").asInt()).isEqualTo(1);
        assertThat(Instant.parse(ashaRow.path("lastMessageAt").asText()))
                .isAfter(Instant.parse(ashaRow.path("firstMessageAt").asText()));

        assertThat(segmentsOf(get("/engagement/contacts?now=" + daysOn(40))))
                .isEqualTo(Map.of(asha, "active", bakari, "active"));
        assertThat(segmentsOf(get("/engagement/contacts?now=" + daysOn(70))))
                .isEqualTo(Map.of(asha, "at_risk", bakari, "at_risk"));
        JsonNode lapsed = get("/engagement/contacts?segment=lapsed&now=" + daysOn(95));
        assertThat(segmentsOf(lapsed)).isEqualTo(Map.of(asha, "lapsed", bakari, "lapsed"));
        assertThat(lapsed.path("items").get(0).path("currentGapDays").asInt()).isIn(94, 95, 96);
        assertThat(get("/engagement/contacts?segment=new&now=" + daysOn(95)).path("items")).isEmpty();

        JsonNode firstPage = get("/engagement/contacts?limit=1");
        assertThat(firstPage.path("items")).hasSize(1);
        JsonNode secondPage = get("/engagement/contacts?limit=1&after=" + firstPage.path("nextCursor").asText());
        assertThat(secondPage.path("items")).hasSize(1);
        assertThat(secondPage.hasNonNull("nextCursor")).isFalse();
        assertThat(List.of(firstPage.path("items").get(0).path("contactId").asText(),
                secondPage.path("items").get(0).path("contactId").asText())).containsExactlyInAnyOrder(asha, bakari);
    }

    @Test
    void segmentCountsAndRefusals() {
        JsonNode now = get("/engagement/segments");
        assertThat(now.path("contacts").asLong()).isEqualTo(2);
        assertThat(now.path("segments").path("new").asLong()).isEqualTo(2);
        assertThat(now.path("segments").path("lapsed").asLong()).isZero();
        JsonNode later = get("/engagement/segments?now=" + daysOn(70));
        assertThat(later.path("segments").path("at_risk").asLong()).isEqualTo(2);
        assertThat(later.path("segments").path("new").asLong()).isZero();

        assertThat(owner.get(org.path("/engagement/contacts?segment=sleepy")).status()).isEqualTo(400);
        assertThat(owner.get(org.path("/engagement/segments?now=yesterday")).status()).isEqualTo(400);
        assertThat(owner.get(org.path("/engagement/best-times?zone=Mars/Olympus")).status()).isEqualTo(400);
    }

    @Test
    void bestTimesComeFromTheReadReceipt() {
        int hour = readAt.atOffset(ZoneOffset.UTC).getHour();
        int hourAfter = Instant.now().atOffset(ZoneOffset.UTC).getHour();
        JsonNode utc = get("/engagement/best-times");
        assertThat(utc.path("reads").asLong()).isEqualTo(1);
        assertThat(utc.path("bestHour").asInt()).isIn(hour, hourAfter);
        assertThat(utc.path("hours").get(utc.path("bestHour").asInt()).asLong()).isEqualTo(1);
        assertThat(utc.path("bestWeekday").asText()).isNotEmpty();
        JsonNode nairobi = get("/engagement/best-times?zone=%2B03:00");
        assertThat(nairobi.path("bestHour").asInt()).isEqualTo((utc.path("bestHour").asInt() + 3) % 24);
    }

    @Test
    void csvExports() throws Exception {
        String contacts = download(org.path("/engagement/contacts?format=csv&now=" + daysOn(70)));
        List<String> lines = contacts.lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFcontact_id,segment,first_message_at");
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(1, 3)).allMatch(line -> line.contains(",at_risk,"))
                .anyMatch(line -> line.startsWith(asha)).anyMatch(line -> line.startsWith(bakari));
        assertThat(download(org.path("/engagement/segments?format=csv")).lines().toList())
                .contains("new,2", "lapsed,0");
        JsonNode utc = get("/engagement/best-times");
        assertThat(download(org.path("/engagement/best-times?format=csv")).lines().toList())
                .contains("hour," + utc.path("bestHour").asInt() + ",1", "weekday," + utc.path("bestWeekday").asText() + ",1");
    }

    @Test
    void anAudienceOfAnEngagementClassResolvesToItsContacts() {
        assertThat(preview("new")).containsExactlyInAnyOrder(asha, bakari).doesNotContain(imported);
        assertThat(preview("lapsed")).isEmpty();
        AdminClient.Response refused = owner.post(org.path("/audiences"), Map.of("name", "Bad",
                "conditions", List.of(Map.of("type", "engagement", "segment", "sleepy"))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.toString()).contains("conditions[0].segment");
    }

    private List<String> preview(String segment) {
        AdminClient.Response saved = owner.post(org.path("/audiences"), Map.of("name", "Engagement " + segment,
                "conditions", List.of(Map.of("type", "engagement", "segment", segment))));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        JsonNode preview = get("/audiences/" + saved.text("id") + "/preview");
        List<String> ids = new ArrayList<>();
        preview.path("first").forEach(member -> ids.add(member.path("contactId").asText()));
        assertThat(preview.path("size").asLong()).isEqualTo(ids.size());
        return ids;
    }

    @Test
    void thePageShowsTheClassesToAnOwnerAndNotToAnAgent() {
        String base = "http://localhost:" + port;
        DashboardSession ownerPage = DashboardSession.logIn(base, TeamMembers.owner(org));
        DashboardSession.Page page = ownerPage.get("/app/engagement");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"engagement-contacts\"", "data-contact=\"" + asha + "\"",
                "data-contact=\"" + bakari + "\"", "id=\"hours-chart\"", "id=\"segment-new\"", "/app/engagement");
        assertThat(ownerPage.get("/app/engagement?segment=lapsed").body()).doesNotContain("data-contact=\"" + asha);
        HttpResponse<byte[]> csv = ownerPage.download("/app/engagement?format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains(asha + ",new,", bakari + ",new,");

        DashboardSession agent = DashboardSession.logIn(base, TeamMembers.invite(org, "agent"));
        assertThat(agent.get("/app/engagement").status()).isEqualTo(403);
        assertThat(agent.get("/app").body()).doesNotContain("href=\"/app/engagement\"");
    }

    private String download(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + owner.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return response.body();
    }

    private <T> T await(Supplier<T> value) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            T found = value.get();
            if (found != null) {
                return found;
            }
            pause();
        }
        throw new AssertionError("not there within " + WAIT);
    }

    private void waitFor(BooleanSupplier condition) {
        await(() -> condition.getAsBoolean() ? "" : null);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
