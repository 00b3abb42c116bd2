package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.RunningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.chatnation.crm.application.conversations.ConversationFlowIntegrationTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timing and contention on a service whose deadlines are seconds, not hours: silent contacts are abandoned by
 * durable deadlines, unpaid reservations return their tickets, and many contacts racing for the last tickets
 * never oversell them.
 */
class ConversationDeadlinesIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static RunningService service;
    private static AdminClient admin;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        service = RunningService.start("crm.conversations.inactivity-timeout=8s", "crm.conversations.ticket-hold=3s");
        admin = service.admin();
        jdbc = service.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String phone() {
        return "+2557" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    void aSilentContactsSurveyIsAbandonedAtTheQuestionReached() {
        Conversations org = new Conversations(admin, 100);
        org.publishFeedbackSurvey("feedback");
        String contact = phone();
        org.says(contact, "feedback");
        GRAPH.awaitSentTo(contact, 1);
        org.says(contact, "3");
        GRAPH.awaitSentTo(contact, 2);

        Map<String, Object> abandoned = eventually(() -> jdbc.queryForList("""
                SELECT a.payload->>'lastQuestionId' AS last_question, a.payload->>'reason' AS reason
                FROM event_log a JOIN event_log s ON s.aggregate_id = a.aggregate_id
                WHERE a.event_type = 'SurveyResponseAbandoned' AND s.event_type = 'SurveyResponseStarted'
                  AND s.payload->>'contactId' = ?""", idOf(org, contact)));
        assertThat(abandoned).containsEntry("last_question", "q2").containsEntry("reason", "inactivity");
        Map<String, Object> expired = eventually(() -> jdbc.queryForList("""
                SELECT payload->>'stateAtExpiry' AS state FROM event_log
                WHERE event_type = 'ConversationExpired' AND payload->>'contactId' = ?""", idOf(org, contact)));
        assertThat(expired).containsEntry("state", "survey_in_progress");

        org.says(contact, "5"); // a new session: "5" is no longer an answer
        assertThat(GRAPH.awaitSentTo(contact, 3).get(2).text()).startsWith("Sorry, I didn't understand that");
    }

    @Test
    void anUnpaidReservationReturnsItsTickets() {
        Conversations org = new Conversations(admin, 100);
        String eventId = org.createEvent("Gala", 3);
        String contact = phone();
        org.says(contact, "tickets");
        GRAPH.awaitSentTo(contact, 1);
        org.says(contact, "1");
        GRAPH.awaitSentTo(contact, 2);
        org.says(contact, "1");
        GRAPH.awaitSentTo(contact, 3);
        org.says(contact, "3");
        GRAPH.awaitSentTo(contact, 4);
        org.says(contact, "yes");
        assertThat(GRAPH.awaitSentTo(contact, 5).get(4).text()).startsWith("Reserved: 3 × VIP");
        assertThat(remaining(eventId)).isZero();

        eventually(() -> jdbc.queryForList("SELECT 1 FROM ticket_catalog_types WHERE event_id = ? AND remaining = 3",
                eventId));
        assertThat(jdbc.queryForObject("SELECT status FROM ticket_catalog_reservations WHERE event_id = ?", String.class,
                eventId)).isEqualTo("expired");
    }

    @Test
    void contactsRacingForTheLastTicketsNeverOversell() throws Exception {
        Conversations org = new Conversations(admin, 1000);
        String eventId = org.createEvent("Last tickets", 5);
        int buyers = 12;
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            contacts.add(phone());
        }
        // Every buyer walks to the confirmation on a thread of its own (sessions here expire after 8 s of
        // silence), then all confirm at once.
        CyclicBarrier allAtTheConfirmation = new CyclicBarrier(buyers);
        ExecutorService threads = Executors.newFixedThreadPool(buyers);
        List<Future<?>> confirmations = new ArrayList<>();
        for (String contact : contacts) {
            confirmations.add(threads.submit((Callable<Object>) () -> {
                org.says(contact, "tickets");
                org.says(contact, "1");
                org.says(contact, "1");
                org.says(contact, "1");
                allAtTheConfirmation.await(20, TimeUnit.SECONDS);
                return org.says(contact, "yes");
            }));
        }
        for (Future<?> confirmation : confirmations) {
            confirmation.get();
        }
        threads.shutdown();

        int reserved = 0;
        int refused = 0;
        List<String> outcomes = new ArrayList<>();
        for (String contact : contacts) {
            String last = GRAPH.awaitSentTo(contact, 5).get(4).text();
            outcomes.add(last);
            if (last.startsWith("Reserved: 1 × VIP")) {
                reserved++;
            } else if (last.startsWith("Sorry, I couldn't reserve those tickets")) {
                refused++;
            }
        }
        assertThat(reserved).as(String.join("\n", outcomes)).isEqualTo(5);
        assertThat(refused).as(String.join("\n", outcomes)).isEqualTo(buyers - 5);
        // The holds expire after 3 s here, so count what was ever reserved rather than what is left now.
        assertThat(jdbc.queryForObject("SELECT coalesce(sum((payload->>'quantity')::int), 0) FROM event_log "
                + "WHERE event_type = 'TicketsReserved' AND payload->>'eventId' = ?", Integer.class, eventId)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT min((payload->>'remainingAfter')::int) FROM event_log "
                + "WHERE event_type = 'TicketsReserved' AND payload->>'eventId' = ?", Integer.class, eventId)).isZero();
    }

    private static int remaining(String eventId) {
        return jdbc.queryForObject("SELECT remaining FROM ticket_catalog_types WHERE event_id = ?", Integer.class, eventId);
    }

    /** Events name the contact by its opaque id; the directory knows it once the first message was handled. */
    private static String idOf(Conversations org, String phone) {
        return service.bean(ContactDirectory.class).existing(org.organizationId, PhoneNumber.of(phone))
                .orElse("not-yet-known");
    }
}
