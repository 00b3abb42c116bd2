package com.chatnation.crm.application.payments;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.DarajaStandIn;
import com.chatnation.crm.application.support.DarajaStandIn.Payer;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tickets and tokens paid with M-Pesa, end to end against the Daraja stand-in: the contact's phone is prompted, the
 * callback (or, when it never comes, the status query) settles or fails the payment, and only a settled payment issues
 * tickets or credits tokens. Forged, unconfirmed and repeated callbacks change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MpesaPaymentsIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final DarajaStandIn DARAJA = DarajaStandIn.shared();
    private static final BigDecimal TWO_VIP = new BigDecimal("10000");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PaymentReconciler reconciler;

    private AdminClient admin;
    private AdminClient daraja;

    @BeforeEach
    void clients() {
        admin = new AdminClient("http://localhost:" + port);
        daraja = new AdminClient("http://localhost:" + port, (String) null);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    void twoVipTicketsPaidOnThePhoneArriveAsQrTicketsAndForgedOrRepeatedCallbacksChangeNothing() throws Exception {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("TechExpo", 5);
        String contact = phone(); // silent until the genuine callback, so no status query settles it first
        String reservationId = reserveTwoVip(org, eventId, contact);

        DarajaStandIn.Push push = DARAJA.awaitPush(contact, 1);
        assertThat(push.amount()).isEqualByComparingTo(TWO_VIP);
        assertThat(push.accountReference()).startsWith("TKT").hasSizeLessThanOrEqualTo(12);
        assertThat(push.body().path("TransactionType").asText()).isEqualTo("CustomerPayBillOnline");
        assertThat(push.body().path("PartyB").asText()).isEqualTo(DarajaStandIn.SHORT_CODE);
        String callback = push.callback().getPath();
        assertThat(callback).startsWith("/payments/mpesa/callbacks/");
        eventually(() -> "initiated".equals(paymentState(reservationId)) ? true : null);
        String paid = DARAJA.callback(push, "0", "NLJ7RT61SV", TWO_VIP);

        // forged: another payment's signature, a guessed address, another request, too little money
        String forgedPath = callback.substring(0, callback.lastIndexOf('/') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(daraja.postRaw(forgedPath, paid).status()).isEqualTo(404);
        assertThat(daraja.postRaw("/payments/mpesa/callbacks/" + java.util.UUID.randomUUID() + "/x", paid).status())
                .isEqualTo(404);
        assertThat(daraja.postRaw(callback, paid.replace(push.checkoutRequestId(), "ws_CO_forged")).status())
                .isEqualTo(409);
        AdminClient.Response underpaid = daraja.postRaw(callback, DARAJA.callback(push, "0", "QQQ", BigDecimal.ONE));
        assertThat(underpaid.status()).as(underpaid.toString()).isEqualTo(422);
        assertThat(daraja.postRaw(callback, "{\"Body\":").status()).isEqualTo(400);
        assertThat(count("TicketsIssued", reservationId)).as("no forged callback issued tickets").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'PaymentSettled' "
                + "AND payload->>'purposeId' = ?", Long.class, reservationId)).isZero();

        DARAJA.payer(contact, Payer.PAYS);
        AdminClient.Response accepted = daraja.postRaw(callback, paid);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.body().path("ResultCode").asInt()).isZero();
        List<GraphApiStandIn.Sent> sent = GRAPH.awaitSentTo(contact, 8);
        String codesText = sent.get(5).text();
        assertThat(codesText).startsWith("Payment received");
        assertThat(sent.get(6).body().path("type").asText()).isEqualTo("image");
        assertThat(sent.get(7).body().path("type").asText()).isEqualTo("image");

        // Daraja repeats its callback: nothing more is issued or sent
        assertThat(daraja.postRaw(callback, paid).status()).isEqualTo(200);
        Thread.sleep(500);
        assertThat(count("TicketsIssued", reservationId)).isEqualTo(1);
        assertThat(GRAPH.sentTo(contact)).hasSize(8);
        JsonNode payment = eventually(() -> {
            JsonNode rows = org.admin.get(org.path("/payments?status=settled")).body();
            for (JsonNode row : rows) {
                if (reservationId.equals(row.path("purposeId").asText())) {
                    return row;
                }
            }
            return null;
        });
        assertThat(payment.path("receipt").asText()).isEqualTo("NLJ7RT61SV");
        assertThat(payment.path("answeredBy").asText()).isEqualTo("callback");
        assertThat(payment.path("payerPhone").asText()).startsWith(contact.substring(0, 5)).contains("•")
                .doesNotContain(contact.substring(5, 9));

        // one ticket in at gate A, the same code refused at gate B
        String code = codesText.replaceAll(".*: (TECH-VIP-[A-Z0-9]{6}), .*", "$1");
        String checkIns = org.path("/events/" + eventId + "/check-ins");
        assertThat(org.admin.post(checkIns, Map.of("code", code, "gate", "Gate A")).status()).isEqualTo(200);
        AdminClient.Response again = org.admin.post(checkIns, Map.of("code", code, "gate", "Gate B"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("firstGate")).isEqualTo("Gate A");
    }

    @Test
    void aFailedPaymentReleasesTheTicketsAndTellsTheContactWhy() throws Exception {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("Gala", 2);
        String contact = phone();
        DARAJA.payer(contact, Payer.INSUFFICIENT_FUNDS);
        String reservationId = reserveTwoVip(org, eventId, contact);
        DarajaStandIn.Push push = DARAJA.awaitPush(contact, 1);

        assertThat(daraja.postRaw(push.callback().getPath(), DARAJA.callback(push, "1", null, null)).status())
                .isEqualTo(200);

        assertThat(GRAPH.awaitSentTo(contact, 6).get(5).text())
                .contains("did not go through: the M-Pesa balance was too low").contains("send *tickets*");
        assertThat(reservationStatus(reservationId)).isEqualTo("cancelled");
        assertThat(jdbc.queryForObject("SELECT remaining FROM ticket_catalog_types WHERE event_id = ?", Integer.class,
                eventId)).isEqualTo(2);
        // a success reported after that is not believed: Daraja's status query says the payment failed
        assertThat(daraja.postRaw(push.callback().getPath(), DARAJA.callback(push, "0", "LATE1", TWO_VIP)).status())
                .isEqualTo(409);
        assertThat(count("TicketsIssued", reservationId)).isZero();
    }

    @Test
    void whenNoCallbackComesTheStatusQueryDecides() throws Exception {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("Expo", 4);
        String payer = phone();
        String canceller = phone();
        DARAJA.payer(payer, Payer.PAYS);
        DARAJA.payer(canceller, Payer.CANCELS);
        String paidReservation = reserveTwoVip(org, eventId, payer);
        String cancelledReservation = reserveTwoVip(org, eventId, canceller);

        // no callback is posted: after crm.payments.mpesa.callback-wait the reconciler asks Daraja
        assertThat(GRAPH.awaitSentTo(payer, 8).get(5).text()).startsWith("Payment received");
        assertThat(count("TicketsIssued", paidReservation)).isEqualTo(1);
        assertThat(GRAPH.awaitSentTo(canceller, 6).get(5).text()).contains("the payment was cancelled on the phone");
        assertThat(reservationStatus(cancelledReservation)).isEqualTo("cancelled");
        assertThat(jdbc.queryForObject("SELECT payload->>'source' FROM event_log WHERE event_type = 'PaymentSettled' "
                + "AND payload->>'purposeId' = ?", String.class, paidReservation)).isEqualTo("status_query");
    }

    @Test
    void aPromptNobodyAnswersTimesOutAndReleasesTheTickets() throws Exception {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("Forum", 2);
        String unreachable = phone();
        String silent = phone();
        DARAJA.payer(unreachable, Payer.UNREACHABLE);
        String timedOut = reserveTwoVip(org, eventId, unreachable);
        DarajaStandIn.Push push = DARAJA.awaitPush(unreachable, 1);

        // Daraja's own timeout: the phone could not be reached
        assertThat(daraja.postRaw(push.callback().getPath(), DARAJA.callback(push, "1037", null, null)).status())
                .isEqualTo(200);
        assertThat(GRAPH.awaitSentTo(unreachable, 6).get(5).text())
                .contains("the phone did not answer the payment request in time");
        assertThat(reservationStatus(timedOut)).isEqualTo("cancelled");

        // no callback and Daraja still "processing" at the payment's deadline: given up by the reconciler
        String neverAnswered = reserveTwoVip(org, eventId, silent);
        DARAJA.awaitPush(silent, 1);
        Instant answerBy = jdbc.queryForObject("SELECT answer_by FROM payment_requests WHERE purpose_id = ?",
                java.sql.Timestamp.class, neverAnswered).toInstant();
        long before = DARAJA.queries();
        // the shared database holds other tests' open payments too: a look takes the oldest fifty at a time
        for (int look = 0; look < 50 && !"failed".equals(paymentState(neverAnswered)); look++) {
            reconciler.reconcile(answerBy.plusSeconds(1));
        }
        assertThat(paymentState(neverAnswered)).isEqualTo("failed");
        assertThat(DARAJA.queries()).as("Daraja is asked one last time").isGreaterThan(before);
        assertThat(jdbc.queryForObject("SELECT payload->>'failure' FROM event_log WHERE event_type = 'PaymentFailed' "
                + "AND payload->>'purposeId' = ?", String.class, neverAnswered)).isEqualTo("NO_ANSWER");
        assertThat(GRAPH.awaitSentTo(silent, 6).get(5).text()).contains("no answer came from M-Pesa in time");
        assertThat(reservationStatus(neverAnswered)).isEqualTo("cancelled");
    }

    @Test
    void aNumberNotOnMpesaIsToldAndItsTicketsReleased() {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("Concert", 2);
        String contact = phone();
        DARAJA.payer(contact, Payer.NOT_ON_MPESA);
        String reservationId = reserveTwoVip(org, eventId, contact);

        assertThat(GRAPH.awaitSentTo(contact, 6).get(5).text()).contains("the payment could not be started");
        assertThat(reservationStatus(reservationId)).isEqualTo("cancelled");
        assertThat(DARAJA.pushesTo(contact)).isEmpty();
    }

    @Test
    void aSuccessCallbackDarajaDoesNotConfirmIsNotTaken() throws Exception {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("Summit", 2);
        String contact = phone(); // silent: Daraja's status query says the transaction is still being processed
        String reservationId = reserveTwoVip(org, eventId, contact);
        DarajaStandIn.Push push = DARAJA.awaitPush(contact, 1);

        AdminClient.Response answer = daraja.postRaw(push.callback().getPath(),
                DARAJA.callback(push, "0", "FAKE123", TWO_VIP));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
        assertThat(answer.text("code")).isEqualTo("not_confirmed");
        assertThat(count("TicketsIssued", reservationId)).isZero();
        assertThat(reservationStatus(reservationId)).isEqualTo("held");
    }

    @Test
    void aTopUpCreditsTheWalletOnlyOnceItIsPaid() throws Exception {
        Conversations org = new Conversations(admin, 0);
        String payer = phone();
        DARAJA.payer(payer, Payer.SILENT);

        AdminClient.Response started = org.admin.post(org.path("/wallet/top-ups"), Map.of("phone", payer, "tokens", 2000));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String paymentId = started.text("paymentId");
        DarajaStandIn.Push push = DARAJA.awaitPush(payer, 1);
        assertThat(push.amount()).isEqualByComparingTo("2000");
        assertThat(push.accountReference()).startsWith("TOP");
        assertThat(org.balance()).as("nothing is credited before the money moves").isZero();

        DARAJA.payer(payer, Payer.PAYS);
        String paid = DARAJA.callback(push, "0", "TOPUP00001", new BigDecimal("2000"));
        assertThat(daraja.postRaw(push.callback().getPath(), paid).status()).isEqualTo(200);
        assertThat(daraja.postRaw(push.callback().getPath(), paid).status()).isEqualTo(200);
        assertThat(org.balance()).isEqualTo(2000);
        Map<String, Object> purchase = eventually(() -> jdbc.queryForList(
                "SELECT status, tokens, amount, receipt FROM token_purchases WHERE id = ? AND status = 'paid'",
                paymentId).stream().findFirst().orElse(null));
        assertThat(purchase).containsEntry("tokens", 2000L).containsEntry("receipt", "TOPUP00001");
        assertThat((BigDecimal) purchase.get("amount")).isEqualByComparingTo("2000");

        // a cancelled top-up credits nothing
        String other = phone();
        DARAJA.payer(other, Payer.CANCELS);
        String cancelledId = org.admin.post(org.path("/wallet/top-ups"), Map.of("phone", other, "tokens", 500))
                .text("paymentId");
        DarajaStandIn.Push cancelled = DARAJA.awaitPush(other, 1);
        assertThat(daraja.postRaw(cancelled.callback().getPath(), DARAJA.callback(cancelled, "1032", null, null))
                .status()).isEqualTo(200);
        eventually(() -> jdbc.queryForList("SELECT 1 FROM token_purchases WHERE id = ? AND status = 'failed'",
                cancelledId).stream().findFirst().orElse(null));
        assertThat(org.balance()).isEqualTo(2000);

        assertThat(org.admin.post(org.path("/wallet/top-ups"), Map.of("phone", payer, "tokens", 0)).status())
                .isEqualTo(400);
        assertThat(org.admin.post(org.path("/wallet/top-ups"), Map.of("phone", "+447700900123", "tokens", 10))
                .status()).isEqualTo(422);
    }

    @Test
    void thePaymentsPageListsPaymentsAndTopsUpTheWallet() throws Exception {
        Conversations org = new Conversations(admin, 0);
        AdminClient.Onboarded organization = new AdminClient.Onboarded(org.organizationId, null, null, org.admin, null);
        DashboardSession owner = DashboardSession.logIn("http://localhost:" + port,
                TeamMembers.invite(organization, "owner"));
        DashboardSession viewer = DashboardSession.logIn("http://localhost:" + port,
                TeamMembers.invite(organization, "viewer"));
        String payer = phone();

        DashboardSession.Page empty = owner.get("/app/payments");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("id=\"top-up-form\"").contains("No payment yet.");
        assertThat(owner.post("/app/payments/top-ups", Map.of("phone", "not a number", "tokens", "0")).status())
                .isEqualTo(400);
        DashboardSession.Page started = owner.post("/app/payments/top-ups", Map.of("phone", payer, "tokens", "300"));
        assertThat(started.status()).isEqualTo(302);
        assertThat(started.location()).contains("/app/payments?started=");
        DarajaStandIn.Push push = DARAJA.awaitPush(payer, 1);
        assertThat(push.amount()).isEqualByComparingTo("300");
        DARAJA.payer(payer, Payer.PAYS);
        assertThat(daraja.postRaw(push.callback().getPath(), DARAJA.callback(push, "0", "PAGE000001",
                new BigDecimal("300"))).status()).isEqualTo(200);
        assertThat(org.balance()).isEqualTo(300);

        String page = eventually(() -> {
            String body = owner.get("/app/payments").body();
            return body.contains("PAGE000001") ? body : null;
        });
        assertThat(page).contains("300 tokens").contains("data-status=\"settled\"")
                .doesNotContain(payer).contains(payer.substring(0, 5) + "•");
        assertThat(new String(owner.download("/app/payments?format=csv").body(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("PAGE000001").contains("id,purpose,");
        assertThat(viewer.get("/app/payments").status()).as("payments are for the money roles").isEqualTo(403);
    }

    /** Books two VIP tickets in the conversation; answers the reservation id the contact is told. */
    private static String reserveTwoVip(Conversations org, String eventId, String contact) {
        int before = GRAPH.sentTo(contact).size();
        org.says(contact, "tickets");
        GRAPH.awaitSentTo(contact, before + 1);
        org.taps(contact, "event:" + eventId, "event", true);
        GRAPH.awaitSentTo(contact, before + 2);
        org.taps(contact, "tt:vip", "VIP", true);
        GRAPH.awaitSentTo(contact, before + 3);
        org.says(contact, "2");
        GRAPH.awaitSentTo(contact, before + 4);
        org.taps(contact, "ticket:confirm", "Yes, reserve", false);
        String instructions = GRAPH.awaitSentTo(contact, before + 5).get(before + 4).text();
        assertThat(instructions).startsWith("Reserved: 2 × VIP").contains("M-Pesa payment request");
        return instructions.replaceAll(".*reference \\*([^*]+)\\*.*", "$1");
    }

    private String paymentState(String reservationId) {
        return jdbc.queryForList("SELECT state FROM payment_requests WHERE purpose_id = ?", String.class, reservationId)
                .stream().findFirst().orElse(null);
    }

    private String reservationStatus(String reservationId) {
        return jdbc.queryForObject("SELECT status FROM ticket_catalog_reservations WHERE reservation_id = ?",
                String.class, reservationId);
    }

    private long count(String eventType, String reservationId) {
        return jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = ? "
                + "AND payload->>'reservationId' = ?", Long.class, eventType, reservationId);
    }

    private static <T> T eventually(Supplier<T> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            T found = value.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing appeared within 30 seconds");
    }
}
