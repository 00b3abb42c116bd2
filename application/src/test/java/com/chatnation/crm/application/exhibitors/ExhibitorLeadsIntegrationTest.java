package com.chatnation.crm.application.exhibitors;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TeamMembers;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exhibitors and leads end to end on real PostgreSQL with the Graph API stand-in: visitors name a booth in the
 * conversation, a lead exists only after their yes and stays one per visitor and exhibitor, exhibitor staff read and
 * export their own exhibitor's leads and no other's, the event's analytics count them, the booth's QR code opens the
 * chat with the booth's text, and erasing a visitor removes their leads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExhibitorLeadsIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private AdminClient admin;

    @BeforeEach
    void client() {
        admin = new AdminClient("http://localhost:" + port);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    void leadsNeedConsentStayOnePerVisitorAndEachExhibitorsStaffSeeOnlyTheirOwn() throws Exception {
        Conversations org = new Conversations(admin, 200, List.of(
                Map.of("module", "exhibitors", "action", "reply", "tokens", 1)));
        String eventId = org.createEvent("TechExpo", 5);
        String cloudTech = addExhibitor(org, eventId, "CloudTech Ltd", "a15");
        String dataCo = addExhibitor(org, eventId, "DataCo", "B7");
        String server = addProduct(org, cloudTech, "Cloud Server");
        addProduct(org, cloudTech, "CDN Service");

        AdminClient.Response taken = org.admin.post(org.path("/events/" + eventId + "/exhibitors"),
                Map.of("companyName", "Copycat", "boothCode", "A15"));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.text("code")).isEqualTo("booth_code_taken");

        // a visitor scans the booth and says no: nothing is captured, and they are told so
        String jane = phone();
        org.says(jane, "LEAD A15");
        GraphApiStandIn.Sent question = GRAPH.awaitSentTo(jane, 1).get(0);
        assertThat(question.body().path("interactive").path("type").asText()).isEqualTo("button");
        assertThat(question.text()).contains("CloudTech Ltd").contains("share your contact");
        org.taps(jane, "lead:no", "No, thanks", false);
        assertThat(GRAPH.awaitSentTo(jane, 2).get(1).text())
                .isEqualTo("No problem: nothing was shared with CloudTech Ltd.");
        assertThat(leadEvents("LeadCaptured", cloudTech)).as("no lead without a yes").isZero();

        // the same visitor types the code alone and says yes: one lead, with a product and a note
        org.says(jane, "a15");
        GRAPH.awaitSentTo(jane, 3);
        org.taps(jane, "lead:yes", "Yes, share", false);
        GraphApiStandIn.Sent products = GRAPH.awaitSentTo(jane, 4).get(3);
        assertThat(products.body().path("interactive").path("type").asText()).isEqualTo("list");
        assertThat(products.text()).startsWith("Thank you! Your contact was shared with CloudTech Ltd.");
        org.taps(jane, "lead:product:" + server, "Cloud Server", true);
        GRAPH.awaitSentTo(jane, 5);
        org.says(jane, "Call me after 5pm about pricing");
        assertThat(GRAPH.awaitSentTo(jane, 6).get(5).text()).isEqualTo("Thanks! CloudTech Ltd will see your note.");
        assertThat(leadEvents("LeadCaptured", cloudTech)).isEqualTo(1);

        // she comes back and says yes again: still one lead, her return counted
        org.says(jane, "lead a15");
        GRAPH.awaitSentTo(jane, 7);
        org.taps(jane, "lead:yes", "Yes, share", false);
        GRAPH.awaitSentTo(jane, 8);
        org.taps(jane, "lead:skip", "Skip", true);
        GRAPH.awaitSentTo(jane, 9);
        org.taps(jane, "lead:skip", "Skip", false);
        GRAPH.awaitSentTo(jane, 10);
        assertThat(leadEvents("LeadCaptured", cloudTech)).as("one lead per visitor and exhibitor").isEqualTo(1);
        assertThat(leadEvents("LeadRevisited", cloudTech)).isEqualTo(1);

        // she visits DataCo (no products: straight to the note), and another visitor visits CloudTech
        org.says(jane, "LEAD B7");
        GRAPH.awaitSentTo(jane, 11);
        org.taps(jane, "lead:yes", "Yes, share", false);
        assertThat(GRAPH.awaitSentTo(jane, 12).get(11).text()).contains("leave a note");
        org.says(jane, "skip");
        GRAPH.awaitSentTo(jane, 13);
        String omar = phone();
        org.says(omar, "LEAD A15");
        GRAPH.awaitSentTo(omar, 1);
        org.taps(omar, "lead:yes", "Yes, share", false);
        GRAPH.awaitSentTo(omar, 2);

        // the organizer sees CloudTech's two leads, Jane's with her product, note and two visits
        JsonNode leads = eventually(() -> {
            JsonNode page = org.admin.get(org.path("/exhibitors/" + cloudTech + "/leads")).body();
            return page.path("items").size() == 2 ? page.path("items") : null;
        });
        JsonNode janesLead = leads.get(0).path("contactPhone").asText().equals(jane) ? leads.get(0) : leads.get(1);
        assertThat(janesLead.path("contactPhone").asText()).isEqualTo(jane);
        assertThat(janesLead.path("products")).extracting(JsonNode::asText).containsExactly("Cloud Server");
        assertThat(janesLead.path("note").asText()).isEqualTo("Call me after 5pm about pricing");
        assertThat(janesLead.path("visits").asInt()).isEqualTo(2);
        String janeId = janesLead.path("contactId").asText();
        JsonNode exhibitors = org.admin.get(org.path("/events/" + eventId + "/exhibitors")).body();
        assertThat(exhibitors).extracting(e -> e.path("boothCode").asText() + "=" + e.path("leads").asLong())
                .containsExactly("A15=2", "B7=1");

        // analytics: per exhibitor, per hour, and the visitor of both booths
        JsonNode analytics = eventually(() -> {
            JsonNode now = org.admin.get(org.path("/events/" + eventId + "/lead-analytics")).body();
            return now.path("leads").asLong() == 3 ? now : null;
        });
        assertThat(analytics.path("visitors").asLong()).isEqualTo(2);
        assertThat(analytics.path("perExhibitor")).extracting(e -> e.path("boothCode").asText() + "="
                + e.path("leads").asLong()).containsExactly("A15=2", "B7=1");
        long perHour = 0;
        for (JsonNode hour : analytics.path("perHour")) {
            perHour += hour.path("leads").asLong();
        }
        assertThat(perHour).isEqualTo(3);
        assertThat(analytics.path("multiBoothVisitors").asLong()).isEqualTo(1);
        assertThat(analytics.path("multiBoothList")).hasSize(1);
        assertThat(analytics.path("multiBoothList").get(0).path("contactPhone").asText()).isEqualTo(jane);
        assertThat(analytics.path("multiBoothList").get(0).path("boothCodes")).extracting(JsonNode::asText)
                .containsExactly("A15", "B7");
        assertThat(analytics.path("perStage")).extracting(stage -> stage.path("stage").asText() + "="
                + stage.path("leads").asLong()).containsExactly("new=3", "contacted=0", "qualified=0", "won=0", "lost=0");

        exhibitorStaffSeeTheirOwnLeadsOnly(org, cloudTech, dataCo, jane, omar);

        // erasing Jane removes her leads from the read tables
        assertThat(org.admin.post(org.path("/contacts/" + janeId + "/erasure"), Map.of("reason", "data subject request"))
                .status()).isEqualTo(200);
        eventually(() -> jdbc.queryForObject("SELECT count(*) FROM leads WHERE contact_id = ?::uuid", Long.class,
                janeId) == 0 ? true : null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lead_products WHERE contact_id = ?::uuid", Long.class,
                janeId)).isZero();
        assertThat(org.admin.get(org.path("/exhibitors/" + cloudTech + "/leads")).body().path("items"))
                .extracting(lead -> lead.path("contactPhone").asText()).containsExactly(omar);
    }

    /** A member with the exhibitor role assigned to CloudTech reads and exports CloudTech's leads, and nothing else. */
    private void exhibitorStaffSeeTheirOwnLeadsOnly(Conversations org, String cloudTech, String dataCo, String jane,
                                                    String omar) throws Exception {
        String login = "booth-" + java.util.UUID.randomUUID() + "@example.com";
        AdminClient.Response invited = org.admin.post(org.path("/invitations"),
                Map.of("email", login, "displayName", "Booth staff", "roles", List.of("exhibitor")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String userId = invited.text("userId");
        AdminClient.Response session = new AdminClient(admin.baseUrl(), (String) null).post(
                "/api/v1/auth/invitations/accept", Map.of("token", invited.text("invitationToken"),
                        "password", TeamMembers.PASSWORD));
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        String token = session.text("accessToken");
        AdminClient staff = AdminClient.bearer(admin.baseUrl(), token);

        // not assigned yet: no exhibitor's leads
        assertThat(staff.get(org.path("/exhibitors/" + cloudTech + "/leads")).status()).isEqualTo(404);
        assertThat(staff.get(org.path("/exhibitors")).body()).isEmpty();

        // an agent cannot be made exhibitor staff; the exhibitor member can
        String agent = TeamMembersOf.invite(org, "agent");
        AdminClient.Response notExhibitor = org.admin.put(org.path("/exhibitors/" + cloudTech + "/staff/" + agent),
                Map.of());
        assertThat(notExhibitor.status()).isEqualTo(422);
        assertThat(org.admin.put(org.path("/exhibitors/" + cloudTech + "/staff/" + userId), Map.of()).status())
                .isEqualTo(204);

        AdminClient.Response own = staff.get(org.path("/exhibitors/" + cloudTech + "/leads"));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("items")).extracting(lead -> lead.path("contactPhone").asText())
                .containsExactlyInAnyOrder(jane, omar);
        assertThat(staff.get(org.path("/exhibitors")).body()).extracting(e -> e.path("id").asText())
                .containsExactly(cloudTech);

        HttpResponse<String> csv = get(org.path("/exhibitors/" + cloudTech + "/leads/export"), token);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
        assertThat(lines.get(0)).isEqualTo("captured_at,phone,name,products,note,visits,last_visit_at,contact_id,stage");
        assertThat(lines).hasSize(3);
        // the spreadsheet guard writes a + number with a leading apostrophe
        assertThat(String.join("\n", lines)).contains("'" + jane).contains("'" + omar)
                .contains("Cloud Server").contains("Call me after 5pm about pricing");

        // the booth's staff move their leads along the follow-up; another exhibitor's lead is not theirs to move
        JsonNode janesLead = null;
        for (JsonNode lead : own.body().path("items")) {
            if (jane.equals(lead.path("contactPhone").asText())) {
                janesLead = lead;
            }
        }
        assertThat(janesLead).isNotNull();
        assertThat(janesLead.path("stage").asText()).isEqualTo("new");
        String leadId = janesLead.path("id").asText();
        String stagePath = org.path("/exhibitors/" + cloudTech + "/leads/" + leadId + "/stage");
        AdminClient.Response moved = staff.put(stagePath, Map.of("stage", "Contacted"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.body().path("moved").asBoolean()).isTrue();
        assertThat(staff.put(stagePath, Map.of("stage", "contacted")).body().path("moved").asBoolean()).isFalse();
        assertThat(staff.put(stagePath, Map.of("stage", "hot")).status()).isEqualTo(422);
        String dataCoLead = dataCo + ":" + janesLead.path("contactId").asText();
        assertThat(staff.put(org.path("/exhibitors/" + dataCo + "/leads/" + dataCoLead + "/stage"),
                Map.of("stage", "won")).status()).isEqualTo(404);
        assertThat(staff.put(org.path("/exhibitors/" + cloudTech + "/leads/" + dataCoLead + "/stage"),
                Map.of("stage", "won")).status()).isEqualTo(404);
        assertThat(jdbcStage(leadId)).isEqualTo("contacted");

        // another exhibitor's leads, in JSON or CSV, are answered as if there were none
        assertThat(staff.get(org.path("/exhibitors/" + dataCo + "/leads")).status()).isEqualTo(404);
        assertThat(get(org.path("/exhibitors/" + dataCo + "/leads/export"), token).statusCode()).isEqualTo(404);
        // and nothing beyond leads: not the event's exhibitors, analytics or contacts
        assertThat(staff.get(org.path("/exhibitors/" + cloudTech)).status()).isEqualTo(403);
        assertThat(staff.get(org.path("/contacts")).status()).isEqualTo(403);

        // unassigned: the very next request is refused
        assertThat(org.admin.delete(org.path("/exhibitors/" + cloudTech + "/staff/" + userId)).status())
                .isEqualTo(204);
        assertThat(staff.get(org.path("/exhibitors/" + cloudTech + "/leads")).status()).isEqualTo(404);
    }

    @Test
    void theBoothQrCodeOpensTheChatWithTheBoothsText() throws Exception {
        Conversations org = new Conversations(admin, 0);
        String eventId = org.createEvent("DevFest", 5);
        String exhibitor = addExhibitor(org, eventId, "CloudTech Ltd", "A15");

        HttpResponse<byte[]> withNumber = png(org.path("/exhibitors/" + exhibitor + "/booth-qr?number=%2B254700000001"),
                org.admin.token());
        assertThat(withNumber.statusCode()).isEqualTo(200);
        assertThat(withNumber.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(qrText(withNumber.body())).isEqualTo("https://wa.me/254700000001?text=LEAD%20A15");

        HttpResponse<byte[]> textOnly = png(org.path("/exhibitors/" + exhibitor + "/booth-qr"), org.admin.token());
        assertThat(qrText(textOnly.body())).isEqualTo("LEAD A15");

        assertThat(png(org.path("/exhibitors/" + exhibitor + "/booth-qr?number=call-me"), org.admin.token())
                .statusCode()).isEqualTo(400);
        assertThat(png(org.path("/exhibitors/no-such-exhibitor/booth-qr"), org.admin.token()).statusCode())
                .isEqualTo(404);
        assertThat(org.admin.post(org.path("/events/no-such-event/exhibitors"),
                Map.of("companyName", "Nowhere", "boothCode", "Z1")).status()).isEqualTo(404);
    }

    private static String addExhibitor(Conversations org, String eventId, String company, String code) {
        AdminClient.Response added = org.admin.post(org.path("/events/" + eventId + "/exhibitors"),
                Map.of("companyName", company, "boothCode", code));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.text("exhibitorId");
    }

    private static String addProduct(Conversations org, String exhibitorId, String name) {
        AdminClient.Response added = org.admin.post(org.path("/exhibitors/" + exhibitorId + "/products"),
                Map.of("name", name));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.text("productId");
    }

    private long leadEvents(String type, String exhibitorId) {
        return jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = ? AND aggregate_id LIKE ?",
                Long.class, type, exhibitorId + ":%");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> png(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String qrText(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    private static <T> T eventually(Supplier<T> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            T found = value.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing appeared within 20 seconds");
    }

    /** Invites a member of the organization with one role, answering their user id. */
    private static final class TeamMembersOf {
        static String invite(Conversations org, String role) {
            AdminClient.Response invited = org.admin.post(org.path("/invitations"), Map.of("email",
                    role + "-" + java.util.UUID.randomUUID() + "@example.com", "displayName", "Member",
                    "roles", List.of(role)));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            return invited.text("userId");
        }
    }

    /** The lead's stage once the read side shows it moved. */
    private String jdbcStage(String leadId) throws InterruptedException {
        return eventually(() -> {
            String stage = jdbc.queryForObject("SELECT stage FROM leads WHERE id = ?", String.class, leadId);
            return "new".equals(stage) ? null : stage;
        });
    }
}
