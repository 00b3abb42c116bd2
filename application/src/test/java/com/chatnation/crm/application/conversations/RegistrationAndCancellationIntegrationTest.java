package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.DarajaStandIn;
import com.chatnation.crm.application.support.GraphApiStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A free event is registered for in the conversation, once however often the contact asks; an unpaid reservation is
 * given up by the button under its payment instructions, which releases its tickets and its M-Pesa payment, and only
 * its own conversation can do that.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationAndCancellationIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final DarajaStandIn DARAJA = DarajaStandIn.shared();

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
    void aFreeEventIsRegisteredForOnceInTheConversation() throws Exception {
        Conversations org = new Conversations(admin, 100);
        AdminClient.Response created = org.admin.post(org.path("/events"), Map.of("name", "Open Day",
                "venue", "Campus", "startsAt", "2031-04-01T09:00:00Z"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String eventId = created.text("eventId");
        String contact = phone();

        for (int round = 0; round < 2; round++) {
            int before = GRAPH.sentTo(contact).size();
            org.says(contact, "tickets");
            GraphApiStandIn.Sent list = GRAPH.awaitSentTo(contact, before + 1).get(before);
            assertThat(list.body().path("interactive").path("action").toString()).contains("event:" + eventId)
                    .contains("Free · 1 Apr 2031 · Campus");
            org.taps(contact, "event:" + eventId, "Open Day", true);
            assertThat(GRAPH.awaitSentTo(contact, before + 2).get(before + 1).text())
                    .isEqualTo("*Open Day* is free to attend. Shall I register you?");
            org.taps(contact, "event:register", "Yes, register me", false);
            assertThat(GRAPH.awaitSentTo(contact, before + 3).get(before + 2).text())
                    .isEqualTo("You're registered for *Open Day* on 1 Apr 2031 at Campus. See you there!");
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'ParticipantRegistered' "
                + "AND payload->>'eventId' = ?", Long.class, eventId)).as("registered once").isEqualTo(1);
        Map<String, Object> participant = eventually(() -> jdbc.queryForList(
                "SELECT source FROM participants WHERE event_id = ?", eventId).stream().findFirst().orElse(null));
        assertThat(participant).containsEntry("source", "whatsapp");
    }

    @Test
    void theCancelButtonReleasesAnUnpaidReservationAndItsPayment() throws Exception {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("Gala", 2);
        String contact = phone(); // never answers the M-Pesa prompt
        String stranger = phone();
        String reservationId = reserveTwoVip(org, eventId, contact);
        DARAJA.awaitPush(contact, 1);
        assertThat(jdbc.queryForObject("SELECT remaining FROM ticket_catalog_types WHERE event_id = ?", Integer.class,
                eventId)).isZero();

        // another contact tapping the same id (forwarded, or made up) cancels nothing
        org.taps(stranger, "reservation:cancel:" + reservationId, "Cancel reservation", false);
        assertThat(GRAPH.awaitSentTo(stranger, 1).get(0).text()).isEqualTo("I couldn't find that reservation.");
        assertThat(status(reservationId)).isEqualTo("held");

        org.taps(contact, "reservation:cancel:" + reservationId, "Cancel reservation", false);
        assertThat(GRAPH.awaitSentTo(contact, 6).get(5).text()).startsWith(
                "Done: your reservation of 2 × VIP for *TechExpo* is cancelled".replace("TechExpo", "Gala"));
        assertThat(status(reservationId)).isEqualTo("cancelled");
        assertThat(jdbc.queryForObject("SELECT remaining FROM ticket_catalog_types WHERE event_id = ?", Integer.class,
                eventId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT state FROM payment_requests WHERE purpose_id = ?", String.class,
                reservationId)).isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT payload->>'failure' FROM event_log WHERE event_type = 'PaymentFailed' "
                + "AND payload->>'purposeId' = ?", String.class, reservationId)).isEqualTo("CANCELLED_BY_PAYER");

        org.taps(contact, "reservation:cancel:" + reservationId, "Cancel reservation", false);
        assertThat(GRAPH.awaitSentTo(contact, 7).get(6).text()).contains("had already lapsed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'TicketReservationCancelled' "
                + "AND payload->>'reservationId' = ?", Long.class, reservationId)).isEqualTo(1);
    }

    @Test
    void aPaidReservationIsNotCancelledByTheContact() {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("Expo", 2);
        String contact = phone();
        String reservationId = reserveTwoVip(org, eventId, contact);
        AdminClient.Response paid = org.admin.post(org.path("/ticket-reservations/" + reservationId + "/payment"),
                Map.of("paymentReference", "cash-" + reservationId, "amountPaid", 10000));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        List<GraphApiStandIn.Sent> sent = GRAPH.awaitSentTo(contact, 8);

        org.taps(contact, "reservation:cancel:" + reservationId, "Cancel reservation", false);
        assertThat(GRAPH.awaitSentTo(contact, sent.size() + 1).get(sent.size()).text())
                .contains("is already paid").contains("contact the organizer");
        assertThat(status(reservationId)).isEqualTo("paid");
    }

    private static String reserveTwoVip(Conversations org, String eventId, String contact) {
        org.says(contact, "tickets");
        GRAPH.awaitSentTo(contact, 1);
        org.taps(contact, "event:" + eventId, "event", true);
        GRAPH.awaitSentTo(contact, 2);
        org.taps(contact, "tt:vip", "VIP", true);
        GRAPH.awaitSentTo(contact, 3);
        org.says(contact, "2");
        GRAPH.awaitSentTo(contact, 4);
        org.taps(contact, "ticket:confirm", "Yes, reserve", false);
        GraphApiStandIn.Sent instructions = GRAPH.awaitSentTo(contact, 5).get(4);
        assertThat(instructions.body().path("interactive").path("action").toString())
                .contains("reservation:cancel:").contains("Cancel reservation");
        return instructions.text().replaceAll(".*reference \\*([^*]+)\\*.*", "$1");
    }

    private String status(String reservationId) {
        return jdbc.queryForObject("SELECT status FROM ticket_catalog_reservations WHERE reservation_id = ?",
                String.class, reservationId);
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
