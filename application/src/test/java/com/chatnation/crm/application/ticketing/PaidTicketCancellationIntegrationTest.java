package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TeamMembers;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organizer cancelling paid tickets, end to end on real PostgreSQL with the Graph API stand-in: the contact is told
 * (with the refund), the gate refuses the tickets, they go back on sale and the read tables say so; a held reservation
 * cannot be cancelled this way. And an event's funnel (registered → reserved → paid → checked in) for a scripted
 * history, as JSON, as CSV and on the event's page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaidTicketCancellationIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void theOrganizerCancelsPaidTicketsWithARefundAndTheGateRefusesThem() throws Exception {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("TechExpo", 5);
        String contact = phone();
        String reservationId = reserve(org, eventId, "TechExpo", contact, "vip", "VIP", 2);
        List<String> codes = pay(org, reservationId, 10_000);
        GRAPH.awaitSentTo(contact, 8); // the reservation's five, the codes, and a pass per ticket
        assertThat(catalogRemaining(eventId)).isEqualTo(3);
        String cancellation = org.path("/ticket-reservations/" + reservationId + "/cancellation");

        // refusals first: more than was paid, no reason, a reservation the organization does not have
        AdminClient.Response tooMuch = org.admin.post(cancellation,
                Map.of("reason", "The venue flooded", "refundAmount", new BigDecimal("10000.01")));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
        assertThat(tooMuch.text("code")).isEqualTo("invalid_refund");
        assertThat(org.admin.post(cancellation, Map.of("refundAmount", 10)).status()).isEqualTo(400);
        assertThat(org.admin.post(org.path("/ticket-reservations/" + UUID.randomUUID() + "/cancellation"),
                Map.of("reason", "x")).status()).isEqualTo(404);
        assertThat(catalogStatus(reservationId)).isEqualTo("paid");

        AdminClient.Response cancelled = org.admin.post(cancellation,
                Map.of("reason", "The venue flooded", "refundAmount", new BigDecimal("7500.50")));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("refunded");
        assertThat(cancelled.body().path("refundAmount").decimalValue()).isEqualByComparingTo("7500.50");
        assertThat(cancelled.text("currency")).isEqualTo("KES");
        assertThat(cancelled.body().path("contactNotified").asBoolean()).isTrue();

        // the participant is told, with the reason and the refund
        List<GraphApiStandIn.Sent> sent = GRAPH.awaitSentTo(contact, 9);
        assertThat(sent.get(8).text()).isEqualTo("Your 2 × VIP tickets for *TechExpo* were cancelled by the organizer: "
                + "The venue flooded. A refund of KES 7500.50 is on its way to you.");

        // the gate refuses both tickets, scanned or typed, and records nothing for them
        String checkIns = org.path("/events/" + eventId + "/check-ins");
        AdminClient.Response scanned = org.admin.post(checkIns, Map.of("pass", passes.payload(codes.get(0)),
                "gate", "Gate A"));
        assertThat(scanned.status()).as(scanned.toString()).isEqualTo(409);
        assertThat(scanned.text("code")).isEqualTo("cancelled_ticket");
        assertThat(scanned.text("ticketCode")).isEqualTo(codes.get(0));
        AdminClient.Response typed = org.admin.post(checkIns, Map.of("code", codes.get(1).toLowerCase(),
                "gate", "Gate A"));
        assertThat(typed.status()).as(typed.toString()).isEqualTo(409);
        assertThat(typed.text("code")).isEqualTo("cancelled_ticket");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier IN (?, ?)",
                Long.class, codes.get(0), codes.get(1))).as("no admission recorded").isZero();
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM admission_register WHERE ticket_code IN (?, ?)",
                String.class, codes.get(0), codes.get(1))).containsExactly("cancelled");

        // the tickets are back on sale, and the reservation is over on the command side
        assertThat(catalogRemaining(eventId)).isEqualTo(5);
        assertThat(catalogStatus(reservationId)).isEqualTo("cancelled");

        // the read tables follow
        Map<String, Object> reservation = eventually(() -> {
            Map<String, Object> row = jdbc.queryForMap("SELECT * FROM ticket_reservations WHERE id = ?", reservationId);
            return "refunded".equals(row.get("status")) ? row : null;
        });
        assertThat((BigDecimal) reservation.get("refund_amount")).isEqualByComparingTo("7500.50");
        assertThat(reservation.get("cancel_reason")).isEqualTo("The venue flooded");
        assertThat(jdbc.queryForList("SELECT status FROM tickets WHERE reservation_id = ?", String.class,
                reservationId)).containsExactly("cancelled", "cancelled");
        Map<String, Object> vip = jdbc.queryForMap(
                "SELECT quantity_sold, quantity_reserved, remaining FROM ticket_types WHERE event_id = ? AND id = 'vip'",
                eventId);
        assertThat(vip).containsEntry("quantity_sold", 0).containsEntry("quantity_reserved", 0)
                .containsEntry("remaining", 5);
        JsonNode counts = org.admin.get(checkIns).body();
        assertThat(counts.path("issued").asLong()).as(counts.toString()).isZero();

        // a second cancellation is refused and tells the contact nothing more
        AdminClient.Response again = org.admin.post(cancellation, Map.of("reason", "again"));
        assertThat(again.status()).as(again.toString()).isEqualTo(422);
        assertThat(again.text("code")).isEqualTo("already_cancelled");
        // a late confirmation of the same payment hands out no ticket
        AdminClient.Response latePayment = org.admin.post(org.path("/ticket-reservations/" + reservationId + "/payment"),
                Map.of("paymentReference", "mpesa-" + reservationId, "amountPaid", 10000));
        assertThat(latePayment.status()).as(latePayment.toString()).isEqualTo(422);
        assertThat(latePayment.text("code")).isEqualTo("tickets_cancelled");
        Thread.sleep(300);
        assertThat(GRAPH.sentTo(contact)).hasSize(9);

        // the gate page says so in large type
        DashboardSession gate = DashboardSession.logIn(admin.baseUrl(), invite(org, "gate"));
        DashboardSession.Page answer = gate.post("/app/events/" + eventId + "/gate",
                Map.of("gate", "North gate", "pass", passes.payload(codes.get(0))));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("CANCELLED TICKET").contains("The organizer cancelled this ticket.")
                .contains(codes.get(0)).contains("gate-result refused");
    }

    @Test
    void aHeldReservationIsNotCancelledAsPaidTickets() {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("TechExpo", 5);
        String contact = phone();
        String reservationId = reserve(org, eventId, "TechExpo", contact, "vip", "VIP", 2);

        AdminClient.Response refused = org.admin.post(
                org.path("/ticket-reservations/" + reservationId + "/cancellation"),
                Map.of("reason", "The venue flooded", "refundAmount", 0));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("not_paid");
        assertThat(catalogStatus(reservationId)).isEqualTo("held");
        assertThat(catalogRemaining(eventId)).isEqualTo(3);
        assertThat(GRAPH.sentTo(contact)).hasSize(5);
        assertThat(GRAPH.sentTo(contact)).noneMatch(sent -> sent.text() != null
                && sent.text().contains("cancelled by the organizer"));
    }

    @Test
    void theFunnelCountsDistinctContactsAtEachStepPerTicketType() throws Exception {
        Conversations org = new Conversations(admin, 200);
        AdminClient.Response created = org.admin.post(org.path("/events"), Map.of(
                "name", "FunnelFest", "venue", "KICC", "startsAt", "2031-03-01T09:00:00Z",
                "ticketTypes", List.of(
                        Map.of("ticketTypeId", "vip", "name", "VIP", "price", 5000, "currency", "KES",
                                "quantityAvailable", 10),
                        Map.of("ticketTypeId", "regular", "name", "Regular", "price", 1000, "currency", "KES",
                                "quantityAvailable", 10))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String eventId = created.text("eventId");
        String funnelPath = org.path("/events/" + eventId + "/funnel");
        // before anyone (once the read tables have the event): every step zero, no conversion
        JsonNode empty = eventually(() -> {
            AdminClient.Response now = org.admin.get(funnelPath);
            return now.status() == 200 ? now.body() : null;
        });
        assertRow(empty.path("event"), null, 0, 0, 0, 0, null, null, null);
        assertRow(type(empty, "regular"), "regular", 0, 0, 0, 0, null, null, null);

        // A buys two VIP tickets and both are let in; B buys one VIP ticket and stays home; C holds a Regular one
        String a = phone();
        String b = phone();
        String c = phone();
        List<String> codesOfA = pay(org, reserve(org, eventId, "FunnelFest", a, "vip", "VIP", 2), 10_000);
        pay(org, reserve(org, eventId, "FunnelFest", b, "vip", "VIP", 1), 5_000);
        reserve(org, eventId, "FunnelFest", c, "regular", "Regular", 1);
        for (String code : codesOfA) {
            AdminClient.Response in = org.admin.post(org.path("/events/" + eventId + "/check-ins"),
                    Map.of("code", code, "gate", "Gate A"));
            assertThat(in.status()).as(in.toString()).isEqualTo(200);
        }

        // by hand: 3 contacts registered and reserved, 2 paid (3 tickets), 1 checked in (2 tickets)
        JsonNode funnel = eventually(() -> {
            JsonNode now = org.admin.get(funnelPath).body();
            JsonNode all = now.path("event");
            return all.path("reserved").asLong() == 3 && all.path("paid").asLong() == 2
                    && all.path("checkedIn").asLong() == 1 ? now : null;
        });
        assertThat(funnel.path("eventId").asText()).isEqualTo(eventId);
        assertRow(funnel.path("event"), null, 3, 3, 2, 1, "1.0000", "0.6667", "0.5000");
        assertThat(funnel.path("ticketTypes")).hasSize(2);
        assertRow(type(funnel, "vip"), "vip", 2, 2, 2, 1, "1.0000", "1.0000", "0.5000");
        assertRow(type(funnel, "regular"), "regular", 1, 1, 0, 0, "1.0000", "0.0000", null);

        // the event's row first, then the types in the API's order
        StringBuilder expected = new StringBuilder("\uFEFFticket_type_id,ticket_type,registered,reserved,paid,"
                + "checked_in,registered_to_reserved,reserved_to_paid,paid_to_checked_in\r\n"
                + ",All ticket types,3,3,2,1,1.0000,0.6667,0.5000\r\n");
        funnel.path("ticketTypes").forEach(type -> expected.append("vip".equals(type.path("ticketTypeId").asText())
                ? "vip,VIP,2,2,2,1,1.0000,1.0000,0.5000\r\n" : "regular,Regular,1,1,0,0,1.0000,0.0000,\r\n"));
        String csv = expected.toString();
        HttpResponse<String> byParameter = get(org, funnelPath + "?format=csv", "application/json");
        assertThat(byParameter.statusCode()).isEqualTo(200);
        assertThat(byParameter.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(byParameter.body()).isEqualTo(csv);
        HttpResponse<String> byHeader = get(org, funnelPath, "text/csv");
        assertThat(byHeader.statusCode()).isEqualTo(200);
        assertThat(byHeader.body()).isEqualTo(csv);
        assertThat(get(org, funnelPath, "application/json, text/csv;q=0.5").body()).startsWith("{");
        assertThat(org.admin.get(org.path("/events/" + UUID.randomUUID() + "/funnel")).status()).isEqualTo(404);

        // the event's page shows the same figures, and its CSV is the API's
        DashboardSession viewer = DashboardSession.logIn(admin.baseUrl(), invite(org, "viewer"));
        DashboardSession.Page page = viewer.get("/app/events/" + eventId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"funnel-chart\"").contains("data-type=\"all\"");
        String vipRow = page.body().substring(page.body().indexOf("data-type=\"vip\"", page.body().indexOf("id=\"funnel\"")));
        assertThat(vipRow.substring(0, vipRow.indexOf("</tr>")).replaceAll("\\s+", " "))
                .contains("<td class=\"registered\">2</td>")
                .contains("<span>2</span>")
                .containsPattern("<td class=\"checked-in\"><span>1</span> <small>\\(50[.,]0 ?%\\)</small>");
        HttpResponse<byte[]> download = viewer.download("/app/events/" + eventId + "?format=csv&table=funnel");
        assertThat(new String(download.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(csv);
    }

    private static JsonNode type(JsonNode funnel, String ticketTypeId) {
        for (JsonNode type : funnel.path("ticketTypes")) {
            if (ticketTypeId.equals(type.path("ticketTypeId").asText())) {
                return type;
            }
        }
        throw new AssertionError("no ticket type " + ticketTypeId + " in " + funnel);
    }

    private static void assertRow(JsonNode row, String ticketTypeId, long registered, long reserved, long paid,
                                  long checkedIn, String toReserved, String toPaid, String toCheckedIn) {
        assertThat(row.path("ticketTypeId").isMissingNode() ? null : row.path("ticketTypeId").asText())
                .as(row.toString()).isEqualTo(ticketTypeId);
        assertThat(row.path("registered").asLong()).as(row.toString()).isEqualTo(registered);
        assertThat(row.path("reserved").asLong()).as(row.toString()).isEqualTo(reserved);
        assertThat(row.path("paid").asLong()).as(row.toString()).isEqualTo(paid);
        assertThat(row.path("checkedIn").asLong()).as(row.toString()).isEqualTo(checkedIn);
        assertConversion(row.path("reservedConversion"), toReserved);
        assertConversion(row.path("paidConversion"), toPaid);
        assertConversion(row.path("checkedInConversion"), toCheckedIn);
    }

    private static void assertConversion(JsonNode value, String expected) {
        if (expected == null) {
            // absent, as the API leaves out what is null
            assertThat(value.isMissingNode()).as(String.valueOf(value)).isTrue();
        } else {
            assertThat(value.decimalValue()).isEqualByComparingTo(expected);
        }
    }

    /** The conversation's reservation of {@code quantity} tickets of a type; answers the reservation's id. */
    private static String reserve(Conversations org, String eventId, String eventName, String contact,
                                  String typeId, String typeName, int quantity) {
        org.says(contact, "tickets");
        GRAPH.awaitSentTo(contact, 1);
        org.taps(contact, "event:" + eventId, eventName, true);
        GRAPH.awaitSentTo(contact, 2);
        org.taps(contact, "tt:" + typeId, typeName, true);
        GRAPH.awaitSentTo(contact, 3);
        org.says(contact, String.valueOf(quantity));
        GRAPH.awaitSentTo(contact, 4);
        org.taps(contact, "ticket:confirm", "Yes, reserve", false);
        String instructions = GRAPH.awaitSentTo(contact, 5).get(4).text();
        assertThat(instructions).startsWith("Reserved: " + quantity + " × " + typeName + " for *" + eventName + "*");
        return instructions.replaceAll("(?s).*reference \\*([^*]+)\\*.*", "$1");
    }

    /** The organizer confirms the reservation's payment; answers the codes issued. */
    private static List<String> pay(Conversations org, String reservationId, long amount) {
        AdminClient.Response paid = org.admin.post(org.path("/ticket-reservations/" + reservationId + "/payment"),
                Map.of("paymentReference", "mpesa-" + reservationId, "amountPaid", amount));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        paid.body().path("ticketCodes").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private int catalogRemaining(String eventId) {
        return jdbc.queryForObject("SELECT remaining FROM ticket_catalog_types WHERE event_id = ? AND ticket_type_id = 'vip'",
                Integer.class, eventId);
    }

    private String catalogStatus(String reservationId) {
        return jdbc.queryForObject("SELECT status FROM ticket_catalog_reservations WHERE reservation_id = ?",
                String.class, reservationId);
    }

    /** A member of the organization with {@code role}, invitation accepted. */
    private TeamMembers.Member invite(Conversations org, String role) {
        String login = role + "-" + UUID.randomUUID() + "@example.com";
        AdminClient.Response invited = org.admin.post(org.path("/invitations"),
                Map.of("email", login, "displayName", "Member " + role, "roles", List.of(role)));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        AdminClient.Response accepted = new AdminClient(admin.baseUrl(), (String) null).post(
                "/api/v1/auth/invitations/accept", Map.of("token", invited.text("invitationToken"),
                        "password", TeamMembers.PASSWORD));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return new TeamMembers.Member(invited.text("userId"), login, TeamMembers.PASSWORD);
    }

    private HttpResponse<String> get(Conversations org, String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(admin.baseUrl() + path))
                .header("Authorization", "Bearer " + org.admin.token())
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
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
}
