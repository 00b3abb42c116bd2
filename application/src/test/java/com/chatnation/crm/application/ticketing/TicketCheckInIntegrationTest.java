package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.DashboardSession;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tickets you can scan, end to end on real PostgreSQL with the Graph API stand-in: a contact buys two tickets in the
 * conversation, receives each as a QR code image after paying, and the gate lets each in once, however many gates
 * scan it at the same moment; forged passes, other events' tickets and staff without the permission are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TicketCheckInIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final int SCANNERS = 20;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TicketPasses passes;

    private AdminClient admin;

    @BeforeEach
    void client() {
        admin = new AdminClient("http://localhost:" + port);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    void boughtTicketsArriveAsQrCodesAndEachIsLetInOnceAtTheGate() throws Exception {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("TechExpo", 5);
        String otherEventId = org.createEvent("DevFest", 5);
        String contact = phone();
        List<String> codes = buyTwoVipTickets(org, eventId, contact);

        // the codes as text, then each ticket as an image whose QR code is its signed pass
        List<GraphApiStandIn.Sent> sent = GRAPH.awaitSentTo(contact, 8);
        assertThat(sent.get(5).text()).contains(codes.get(0)).contains(codes.get(1));
        List<String> scanned = new ArrayList<>();
        for (GraphApiStandIn.Sent image : sent.subList(6, 8)) {
            assertThat(image.body().path("type").asText()).isEqualTo("image");
            String mediaId = image.body().path("image").path("id").asText();
            assertThat(GRAPH.uploadedType(mediaId)).isEqualTo("image/png");
            scanned.add(qrText(GRAPH.uploaded(mediaId)));
            assertThat(image.body().path("image").path("caption").asText()).contains("TechExpo").contains("VIP");
        }
        assertThat(scanned).containsExactlyInAnyOrder(passes.payload(codes.get(0)), passes.payload(codes.get(1)));
        assertThat(scanned).allMatch(pass -> pass.matches("T1\\.TECH-VIP-[A-Z0-9]{6}\\.[A-Za-z0-9_-]{22}"));
        String first = passes.payload(codes.get(0));
        String second = passes.payload(codes.get(1));
        String checkIns = org.path("/events/" + eventId + "/check-ins");

        AdminClient.Response admitted = org.admin.post(checkIns, Map.of("pass", first, "gate", "Gate A"));
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
        assertThat(admitted.body().path("admitted").asBoolean()).isTrue();
        assertThat(admitted.text("ticketCode")).isEqualTo(codes.get(0));
        assertThat(admitted.text("ticketTypeId")).isEqualTo("vip");
        assertThat(admitted.text("gate")).isEqualTo("Gate A");
        Instant at = Instant.parse(admitted.text("at"));

        AdminClient.Response again = org.admin.post(checkIns, Map.of("pass", first, "gate", "Gate B"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("already_checked_in");
        assertThat(again.text("firstGate")).isEqualTo("Gate A");
        assertThat(Instant.parse(again.text("firstAt"))).isEqualTo(at);
        assertThat(again.text("ticketCode")).isEqualTo(codes.get(0));

        // a pass with one character of its signature changed is not the service's
        String forged = second.substring(0, second.length() - 1) + (second.endsWith("A") ? "B" : "A");
        AdminClient.Response refused = org.admin.post(checkIns, Map.of("pass", forged, "gate", "Gate A"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("forged_pass");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, codes.get(1))).as("nothing recorded for the forged pass").isZero();

        AdminClient.Response elsewhere = org.admin.post(org.path("/events/" + otherEventId + "/check-ins"),
                Map.of("pass", second, "gate", "Gate A"));
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(409);
        assertThat(elsewhere.text("code")).isEqualTo("wrong_event");
        assertThat(org.admin.post(checkIns, Map.of("code", "TECH-VIP-ZZZZZZ", "gate", "Gate A")).text("code"))
                .isEqualTo("unknown_ticket");
        assertThat(org.admin.post(checkIns, Map.of("gate", "Gate A")).status()).isEqualTo(400);

        // twenty gates scan the other ticket at the same moment: one lets it in
        List<Integer> statuses = scanTogether(org, checkIns, second);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(SCANNERS - 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'TicketAdmitted' "
                + "AND aggregate_id = ?", Long.class, codes.get(1))).isEqualTo(1);

        JsonNode counts = eventually(() -> {
            JsonNode now = org.admin.get(checkIns).body();
            return now.path("checkedIn").asLong() == 2 ? now : null;
        });
        assertThat(counts.path("issued").asLong()).isEqualTo(2);
        assertThat(counts.path("ticketTypes")).hasSize(1);
        JsonNode vip = counts.path("ticketTypes").get(0);
        assertThat(vip.path("ticketTypeId").asText()).isEqualTo("vip");
        assertThat(vip.path("issued").asLong()).isEqualTo(2);
        assertThat(vip.path("checkedIn").asLong()).isEqualTo(2);

        gateStaffCheckInAndNothingElse(org, eventId, codes.get(0));
    }

    /** A member with only the gate role scans and counts, types a code, and cannot create an event. */
    private void gateStaffCheckInAndNothingElse(Conversations org, String eventId, String usedCode) {
        String login = "gate-" + java.util.UUID.randomUUID() + "@example.com";
        AdminClient.Response invited = org.admin.post(org.path("/invitations"),
                Map.of("email", login, "displayName", "Gatekeeper", "roles", List.of("gate")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        AdminClient.Response session = new AdminClient(admin.baseUrl(), (String) null).post(
                "/api/v1/auth/invitations/accept", Map.of("token", invited.text("invitationToken"),
                        "password", TeamMembers.PASSWORD));
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        AdminClient gate = AdminClient.bearer(admin.baseUrl(), session.text("accessToken"));

        // typed from the holder's screen, in lower case with spaces around it
        AdminClient.Response typed = gate.post(org.path("/events/" + eventId + "/check-ins"),
                Map.of("code", " " + usedCode.toLowerCase() + " ", "gate", "North gate"));
        assertThat(typed.status()).as(typed.toString()).isEqualTo(409);
        assertThat(typed.text("code")).isEqualTo("already_checked_in");
        assertThat(typed.text("firstGate")).isEqualTo("Gate A");
        assertThat(gate.get(org.path("/events/" + eventId + "/check-ins")).status()).isEqualTo(200);
        assertThat(gate.post(org.path("/events"), Map.of("name", "Not mine", "startsAt", "2031-03-01T09:00:00Z"))
                .status()).isEqualTo(403);

        // the gate page, as the member sees it on a phone
        DashboardSession page = DashboardSession.logIn(admin.baseUrl(),
                new TeamMembers.Member(invited.text("userId"), login, TeamMembers.PASSWORD));
        assertThat(page.get("/app/gate").body()).contains("TechExpo");
        assertThat(page.get("/app/events/" + eventId + "/gate?gate=North+gate").status()).isEqualTo(200);
        DashboardSession.Page answer = page.post("/app/events/" + eventId + "/gate",
                Map.of("gate", "North gate", "pass", passes.payload(usedCode)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("ALREADY USED").contains("Already used at Gate A, ")
                .contains("gate-result refused");
        assertThat(page.post("/app/events/" + eventId + "/gate", Map.of("gate", " ", "pass", usedCode)).status())
                .isEqualTo(400);
        assertThat(page.get("/app/events").status()).isEqualTo(403);
    }

    /** The conversation's purchase of two VIP tickets, then the payment callback; answers the codes issued. */
    private static List<String> buyTwoVipTickets(Conversations org, String eventId, String contact) {
        org.says(contact, "tickets");
        GRAPH.awaitSentTo(contact, 1);
        org.taps(contact, "event:" + eventId, "TechExpo", true);
        GRAPH.awaitSentTo(contact, 2);
        org.taps(contact, "tt:vip", "VIP", true);
        GRAPH.awaitSentTo(contact, 3);
        org.says(contact, "2");
        GRAPH.awaitSentTo(contact, 4);
        org.taps(contact, "ticket:confirm", "Yes, reserve", false);
        String instructions = GRAPH.awaitSentTo(contact, 5).get(4).text();
        assertThat(instructions).startsWith("Reserved: 2 × VIP for *TechExpo*");
        String reservationId = instructions.replaceAll(".*reference \\*([^*]+)\\*.*", "$1");
        AdminClient.Response paid = org.admin.post(org.path("/ticket-reservations/" + reservationId + "/payment"),
                Map.of("paymentReference", "mpesa-" + reservationId, "amountPaid", 10000));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        paid.body().path("ticketCodes").forEach(code -> codes.add(code.asText()));
        assertThat(codes).hasSize(2);
        return codes;
    }

    /** Statuses of {@value #SCANNERS} check-ins of one pass at as many gates, released at the same instant. */
    private static List<Integer> scanTogether(Conversations org, String path, String pass) throws Exception {
        ExecutorService gates = Executors.newFixedThreadPool(SCANNERS);
        try {
            CountDownLatch ready = new CountDownLatch(SCANNERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < SCANNERS; i++) {
                String gate = "Gate " + (i + 1);
                answers.add(gates.submit(() -> {
                    ready.countDown();
                    go.await();
                    return org.admin.post(path, Map.of("pass", pass, "gate", gate)).status();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            gates.shutdownNow();
        }
    }

    /** The text of the QR code in a PNG, read as a phone camera would (ZXing, trying harder). */
    private static String qrText(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        // RGBLuminanceSource from ZXing core: BufferedImageLuminanceSource is in its javase module, not a dependency
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    private static <T> T eventually(java.util.function.Supplier<T> value) throws InterruptedException {
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
}
