package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.GraphApiStandIn.Sent;
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

/** Whole conversations through the service on real PostgreSQL, with the Graph API stand-in receiving replies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConversationFlowIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ContactDirectory directory;

    AdminClient admin;

    @BeforeEach
    void client() {
        admin = new AdminClient("http://localhost:" + port);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    void aKeywordRunsTheWholeSurveyWithARejectedAnswerAndASkip() {
        Conversations org = new Conversations(admin, 100);
        org.publishFeedbackSurvey("feedback");
        String contact = phone();

        org.says(contact, "Feedback");
        assertThat(GRAPH.awaitSentTo(contact, 1).get(0).text()).contains("Thanks for coming!").contains("rate the event");
        org.says(contact, "seven");
        assertThat(GRAPH.awaitSentTo(contact, 2).get(1).text()).contains("1 to 5");
        org.says(contact, "five");
        assertThat(GRAPH.awaitSentTo(contact, 3).get(2).text()).contains("Would you come again?");
        org.says(contact, "no");
        assertThat(GRAPH.awaitSentTo(contact, 4).get(3).text()).contains("Anything else");
        org.says(contact, "The music was great and the staff were lovely");
        List<Sent> replies = GRAPH.awaitSentTo(contact, 5);
        assertThat(replies.get(4).text()).isEqualTo("Thank you, your feedback helps us!");
        assertThat(replies).allMatch(reply -> "Bearer test-access-token".equals(reply.authorization()));

        Map<String, Object> response = eventually(() -> jdbc.queryForList("""
                SELECT payload->>'answeredCount' AS answered, (payload->>'sentimentScore')::float AS sentiment
                FROM event_log WHERE event_type = 'SurveyResponseCompleted' AND payload->>'contactId' = ?""", idOf(org, contact)));
        assertThat(response.get("answered")).isEqualTo("3");
        assertThat((Double) response.get("sentiment")).isPositive();
        assertThat(count("AnswerRejected", idOf(org, contact))).isEqualTo(1);
        assertThat(countByResponse("QuestionSkipped", idOf(org, contact), "q3")).isEqualTo(1);
        // five survey replies at 2 tokens each
        assertThat(eventuallyEquals(org::balance, 90L)).isEqualTo(90L);
    }

    @Test
    void cancelLeavesTheSurveyAndRecordsWhereTheContactStopped() {
        Conversations org = new Conversations(admin, 100);
        org.publishFeedbackSurvey("rate");
        String contact = phone();

        org.says(contact, "rate");
        GRAPH.awaitSentTo(contact, 1);
        org.says(contact, "4");
        GRAPH.awaitSentTo(contact, 2);
        org.says(contact, "cancel");
        assertThat(GRAPH.awaitSentTo(contact, 3).get(2).text()).startsWith("Okay, I've stopped that");

        Map<String, Object> abandoned = eventually(() -> jdbc.queryForList("""
                SELECT a.payload->>'lastQuestionId' AS last_question, a.payload->>'reason' AS reason
                FROM event_log a JOIN event_log s ON s.aggregate_id = a.aggregate_id
                WHERE a.event_type = 'SurveyResponseAbandoned' AND s.event_type = 'SurveyResponseStarted'
                  AND s.payload->>'contactId' = ?""", idOf(org, contact)));
        assertThat(abandoned).containsEntry("last_question", "q2").containsEntry("reason", "cancelled");
        org.says(contact, "4"); // back to idle: a number now is not a survey answer
        assertThat(GRAPH.awaitSentTo(contact, 4).get(3).text()).startsWith("Sorry, I didn't understand that");
    }

    @Test
    void aCompleteTicketPurchaseIssuesCodesAfterPayment() {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("TechExpo", 5);
        String contact = phone();

        org.says(contact, "tickets");
        assertThat(GRAPH.awaitSentTo(contact, 1).get(0).body().path("interactive").path("type").asText()).isEqualTo("list");
        org.taps(contact, "event:" + eventId, "TechExpo", true);
        GRAPH.awaitSentTo(contact, 2);
        org.taps(contact, "tt:vip", "VIP", true);
        assertThat(GRAPH.awaitSentTo(contact, 3).get(2).text()).contains("from 1 to 5");
        org.says(contact, "2");
        assertThat(GRAPH.awaitSentTo(contact, 4).get(3).text()).contains("KES 10,000");
        org.taps(contact, "ticket:confirm", "Yes, reserve", false);
        String instructions = GRAPH.awaitSentTo(contact, 5).get(4).text();
        assertThat(instructions).startsWith("Reserved: 2 × VIP for *TechExpo*");
        String reservationId = instructions.replaceAll(".*reference \\*([^*]+)\\*.*", "$1");

        AdminClient.Response paid = org.admin.post(org.path("/ticket-reservations/" + reservationId + "/payment"),
                Map.of("paymentReference", "mpesa-1", "amountPaid", 10000));
        assertThat(paid.status()).isEqualTo(200);
        List<String> codes = org.admin.post(org.path("/ticket-reservations/" + reservationId + "/payment"),
                Map.of("paymentReference", "mpesa-1", "amountPaid", 10000)).body().findValuesAsText("ticketCodes");
        assertThat(paid.body().path("ticketCodes")).hasSize(2);
        String codesMessage = GRAPH.awaitSentTo(contact, 6).get(5).text();
        assertThat(codesMessage).contains(paid.body().path("ticketCodes").get(0).asText());
        // then each ticket as the image of its QR code
        assertThat(GRAPH.awaitSentTo(contact, 8).subList(6, 8))
                .allMatch(sent -> "image".equals(sent.body().path("type").asText()));
        // the repeated payment callback sends nothing new
        sleep(500);
        assertThat(GRAPH.sentTo(contact)).hasSize(8);
        assertThat(codes).isNotNull();
        assertThat(jdbc.queryForObject("SELECT remaining FROM ticket_catalog_types WHERE event_id = ?", Integer.class,
                eventId)).isEqualTo(3);
    }

    @Test
    void repliesTheWalletCannotPayAreHeldAndSentInOrderAfterAPurchase() {
        Conversations org = new Conversations(admin, 1);
        String contact = phone();

        org.says(contact, "hello there"); // the menu reply costs the only token
        GRAPH.awaitSentTo(contact, 1);
        org.says(contact, "what?");
        org.says(contact, "still there?");
        sleep(700);
        assertThat(GRAPH.sentTo(contact)).hasSize(1);
        assertThat(eventually(() -> jdbc.queryForList(
                "SELECT count(*) AS held FROM outbound_replies WHERE contact_phone = ? AND status = 'held' HAVING count(*) = 2",
                contact))).containsEntry("held", 2L);

        org.purchase("top-up", 10);
        List<Sent> replies = GRAPH.awaitSentTo(contact, 3);
        assertThat(replies).extracting(Sent::to).containsOnly(contact.substring(1));
        eventually(() -> jdbc.queryForList("SELECT 1 FROM outbound_replies WHERE contact_phone = ? "
                + "HAVING count(*) = 3 AND bool_and(status = 'sent')", contact));
        List<String> sentInOrder = jdbc.queryForList("SELECT whatsapp_message_id FROM outbound_replies "
                + "WHERE contact_phone = ? ORDER BY sequence", String.class, contact);
        // the stand-in numbers wamids as it receives messages, so queue order and send order agree
        assertThat(sentInOrder).isSortedAccordingTo(java.util.Comparator.comparingLong(
                (String wamid) -> Long.parseLong(wamid.substring("wamid.standin.".length()))));
        assertThat(eventuallyEquals(org::balance, 8L)).isEqualTo(8L);
    }

    @Test
    void aReplyWhatsAppRefusesIsRecordedAndRefunded() {
        Conversations org = new Conversations(admin, 10);
        String contact = phone();
        GRAPH.failFor(contact.substring(1), 400);

        org.says(contact, "hi");
        Map<String, Object> failed = eventually(() -> jdbc.queryForList(
                "SELECT error_code, status FROM outbound_replies WHERE contact_phone = ? AND status = 'failed'", contact));
        assertThat(failed).containsEntry("error_code", 131026);
        assertThat(eventuallyEquals(org::balance, 10L)).isEqualTo(10L);
    }

    @Test
    void repliesWhatsAppCannotTakeForNowGoOutOnceInOrderWhenItCanAgainChargedOnce() {
        Conversations org = new Conversations(admin, 10);
        String contact = phone();
        GRAPH.failFor(contact.substring(1), 503);

        org.says(contact, "hi");
        org.says(contact, "hello again");
        // both replies queued, tried and put back for later (the first charge stays: a retry finds it taken)
        eventually(() -> jdbc.queryForList("SELECT 1 FROM outbound_replies WHERE contact_phone = ? "
                + "HAVING count(*) = 2 AND bool_and(status = 'pending') AND max(attempts) = 0", contact));
        sleep(2_500);
        assertThat(GRAPH.sentTo(contact)).isEmpty();

        GRAPH.recover(contact.substring(1));
        GRAPH.awaitSentTo(contact, 2);
        eventually(() -> jdbc.queryForList("SELECT 1 FROM outbound_replies WHERE contact_phone = ? "
                + "HAVING count(*) = 2 AND bool_and(status = 'sent')", contact));
        sleep(1_000);
        assertThat(GRAPH.sentTo(contact)).as("each reply once").hasSize(2);
        List<String> inQueueOrder = jdbc.queryForList("SELECT whatsapp_message_id FROM outbound_replies "
                + "WHERE contact_phone = ? ORDER BY sequence", String.class, contact);
        // the stand-in numbers wamids as it receives messages, so queue order and send order agree
        assertThat(inQueueOrder).hasSize(2).isSortedAccordingTo(java.util.Comparator.comparingLong(
                (String wamid) -> Long.parseLong(wamid.substring("wamid.standin.".length()))));
        assertThat(eventuallyEquals(org::balance, 8L)).as("each reply charged once").isEqualTo(8L);
    }

    private long count(String eventType, String contact) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM event_log e JOIN event_log s ON s.aggregate_id = e.aggregate_id
                WHERE e.event_type = ? AND s.event_type = 'SurveyResponseStarted' AND s.payload->>'contactId' = ?""",
                Long.class, eventType, contact);
    }

    private long countByResponse(String eventType, String contact, String questionId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM event_log e JOIN event_log s ON s.aggregate_id = e.aggregate_id
                WHERE e.event_type = ? AND e.payload->>'questionId' = ? AND s.event_type = 'SurveyResponseStarted'
                  AND s.payload->>'contactId' = ?""", Long.class, eventType, questionId, contact);
    }

    static Map<String, Object> eventually(Supplier<List<Map<String, Object>>> query) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> rows = query.get();
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            sleep(100);
        }
        throw new AssertionError("nothing appeared within 20 seconds");
    }

    static <T> T eventuallyEquals(Supplier<T> value, T expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T last = value.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            sleep(100);
            last = value.get();
        }
        return last;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events name the contact by its opaque id; the directory knows it once the first message was handled. */
    private String idOf(Conversations org, String phone) {
        return directory.existing(org.organizationId, PhoneNumber.of(phone)).orElse("not-yet-known");
    }
}
