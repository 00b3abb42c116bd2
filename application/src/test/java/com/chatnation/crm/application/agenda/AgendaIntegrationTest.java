package com.chatnation.crm.application.agenda;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.RunningService;
import com.chatnation.crm.application.support.TeamMembers;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's agenda end to end on real PostgreSQL with the Graph API stand-in: the organizer builds an agenda with a
 * panel, a contact lists the sessions, sees the panel's speakers and asks to be reminded; the reminder goes out once
 * when due, after the session moved, and not at all for a cancelled session (whose contacts are told), a reminder
 * cancelled by its contact, or a contact who opted out. The schedule's due time is driven directly, once from an
 * instance started afresh on the same database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgendaIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

    @LocalServerPort
    int port;
    @Autowired
    ReminderDeliveries deliveries;
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
    void aContactIsRemindedOnceOfAPanelThatMovedAndOfNothingCancelledOrRefused() {
        Conversations org = new Conversations(admin, 500, List.of(
                Map.of("module", "events", "action", "session_reminder", "tokens", 2)));
        String eventId = org.createEvent("TechExpo", 5);
        LocalDate day = LocalDate.now(NAIROBI).plusDays(2);
        String amina = created(org.admin.post(org.path("/speakers"), Map.of("name", "Amina Njeri", "title", "CTO",
                "company", "Acme", "bio", "Builds payment rails")), "speakerId");
        String otieno = created(org.admin.post(org.path("/speakers"), Map.of("name", "Otieno Odhiambo",
                "title", "Head of Product", "company", "M-Kopa")), "speakerId");
        String venue = created(org.admin.post(org.path("/venues"), Map.of("name", "KICC", "capacity", 5000)),
                "venueId");
        String keynote = session(org, eventId, "Opening keynote", at(day, 9, 0), at(day, 9, 45), "Main hall", venue);
        String panel = session(org, eventId, "Fintech panel: what next?", at(day, 10, 0), at(day, 11, 0), "Hall A",
                null);
        String workshop = session(org, eventId, "Workshop", at(day, 14, 0), at(day, 15, 0), "Lab 2", null);
        assertThat(org.admin.put(org.path("/events/" + eventId + "/sessions/" + panel + "/speakers/" + amina), Map.of())
                .status()).isEqualTo(204);
        assertThat(org.admin.put(org.path("/events/" + eventId + "/sessions/" + panel + "/speakers/" + otieno),
                Map.of()).status()).isEqualTo(204);

        // refusals: a session ending before it starts, a negative capacity, an unknown speaker, an unknown event
        AdminClient.Response backwards = org.admin.post(org.path("/events/" + eventId + "/sessions"), Map.of(
                "title", "Backwards", "startsAt", at(day, 12, 0).toString(), "endsAt", at(day, 11, 0).toString()));
        assertThat(backwards.status()).as(backwards.toString()).isEqualTo(422);
        assertThat(backwards.text("code")).isEqualTo("ends_before_start");
        assertThat(org.admin.post(org.path("/events/" + eventId + "/sessions"), Map.of("title", "Crowded",
                "startsAt", at(day, 12, 0).toString(), "endsAt", at(day, 13, 0).toString(), "capacity", -1))
                .text("code")).isEqualTo("invalid_capacity");
        assertThat(org.admin.put(org.path("/events/" + eventId + "/sessions/" + panel + "/speakers/nobody"), Map.of())
                .text("code")).isEqualTo("unknown_speaker");
        assertThat(org.admin.post(org.path("/events/no-such-event/sessions"), Map.of("title", "Lost",
                "startsAt", at(day, 12, 0).toString(), "endsAt", at(day, 13, 0).toString())).status()).isEqualTo(404);

        // the contact lists the agenda day, taps the panel and sees who speaks
        String jane = phone();
        org.says(jane, "agenda");
        GraphApiStandIn.Sent list = GRAPH.awaitSentTo(jane, 1).get(0);
        assertThat(list.text()).startsWith("Sessions on " + day.getDayOfWeek().toString().substring(0, 1)
                + day.getDayOfWeek().toString().substring(1, 3).toLowerCase());
        JsonNode rows = list.body().path("interactive").path("action").path("sections").get(0).path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).path("id").asText()).isEqualTo("session:" + panel);
        assertThat(rows.get(1).path("title").asText()).isEqualTo("Fintech panel: what nex…");
        assertThat(rows.get(1).path("description").asText()).isEqualTo("10:00–11:00 · Hall A");

        org.taps(jane, "session:" + panel, "Fintech panel", true);
        GraphApiStandIn.Sent detail = GRAPH.awaitSentTo(jane, 2).get(1);
        assertThat(detail.text()).contains("*Fintech panel: what next?*", "Room: Hall A",
                "• Amina Njeri, CTO, Acme", "• Otieno Odhiambo, Head of Product, M-Kopa");
        assertThat(buttonIds(detail)).containsExactly("agenda:remind:" + panel, "agenda:back");

        org.taps(jane, "agenda:remind:" + panel, "Remind me", false);
        assertThat(GRAPH.awaitSentTo(jane, 3).get(2).text()).startsWith("Done! I'll remind you");
        org.taps(jane, "agenda:remind:" + panel, "Remind me", false); // asking again changes nothing
        GRAPH.awaitSentTo(jane, 4);
        assertThat(events("ReminderRequested", panel)).isEqualTo(1);

        // another contact asks, then opts out; a third asks for the keynote, a fourth asks for the workshop and cancels
        String john = phone();
        remind(org, john, panel);
        org.says(john, "STOP");
        GRAPH.awaitSentTo(john, 3);
        String mary = phone();
        remind(org, mary, keynote);
        String paul = phone();
        remind(org, paul, workshop);
        org.taps(paul, "agenda:unremind:" + workshop, "Cancel reminder", false);
        assertThat(GRAPH.awaitSentTo(paul, 3).get(2).text()).startsWith("Okay, no reminder for *Workshop*");
        // a fifth asks for the workshop and is erased: their reminder goes with them
        String ruth = phone();
        remind(org, ruth, workshop);
        String ruthId = jdbc.queryForObject("""
                SELECT payload->>'contactId' FROM event_log WHERE event_type = 'ReminderRequested'
                  AND payload->>'sessionId' = ? ORDER BY global_index DESC LIMIT 1""", String.class, workshop);
        assertThat(org.admin.post(org.path("/contacts/" + ruthId + "/erasure"), Map.of("reason", "asked")).status())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM agenda_reminder_schedule WHERE contact_id = ?",
                Long.class, ruthId)).isZero();

        // the organizer moves the panel two hours later and cancels the keynote
        assertThat(org.admin.put(org.path("/events/" + eventId + "/sessions/" + panel), Map.of(
                "title", "Fintech panel: what next?", "startsAt", at(day, 12, 0).toString(),
                "endsAt", at(day, 13, 0).toString(), "room", "Hall A")).status()).isEqualTo(204);
        assertThat(org.admin.post(org.path("/events/" + eventId + "/sessions/" + keynote + "/cancel"), Map.of())
                .status()).isEqualTo(204);

        // the keynote's contact is told it was cancelled, and is not reminded of it
        deliveries.sendDue(at(day, 8, 0));
        assertThat(GRAPH.awaitSentTo(mary, 3).get(2).text()).contains("*Opening keynote*", "has been cancelled");
        assertThat(cancelled(keynote)).containsExactly("session_cancelled");

        // the schedule is in the database: an instance started afresh finds nothing due at the panel's old reminder
        // time and Jane's reminder at its new one; it goes out once, whichever instance looks again
        try (RunningService restarted = RunningService.start()) {
            ReminderDeliveries afresh = restarted.bean(ReminderDeliveries.class);
            assertThat(afresh.sendDue(at(day, 9, 46))).isZero();
            assertThat(afresh.sendDue(at(day, 11, 46))).isEqualTo(1);
            assertThat(afresh.sendDue(at(day, 11, 48))).isZero();
        }
        assertThat(deliveries.sendDue(at(day, 11, 50))).isZero();
        GraphApiStandIn.Sent reminder = GRAPH.awaitSentTo(jane, 5).get(4);
        assertThat(reminder.text()).isEqualTo("Reminder: *Fintech panel: what next?* starts in 14 min, at 12:00 in "
                + "Hall A. Send *agenda* to see the day's sessions.");
        assertThat(events("ReminderSent", panel)).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM event_log WHERE event_type = 'TokenDebited' AND payload->>'organizationId' = ?
                  AND payload->'billable'->>'action' = 'session_reminder'""", Long.class, org.organizationId))
                .as("the reminder is billed as a session reminder").isEqualTo(1);

        // the contact who opted out got none, nor did the one who cancelled
        assertThat(GRAPH.sentTo(john)).hasSize(3);
        assertThat(cancelled(panel)).containsExactly("opted_out");
        assertThat(deliveries.sendDue(at(day, 13, 50))).isZero();
        assertThat(GRAPH.sentTo(paul)).hasSize(3);
        assertThat(GRAPH.sentTo(ruth)).hasSize(2);
        assertThat(cancelled(workshop)).containsExactly("contact");
        assertThat(GRAPH.sentTo(jane)).hasSize(5);
        assertThat(GRAPH.sentTo(mary)).hasSize(3);

        // the read side: the agenda in time order, the panel with its speakers and reminders, the keynote cancelled
        JsonNode agenda = eventually(() -> {
            JsonNode now = org.admin.get(org.path("/events/" + eventId + "/agenda")).body();
            JsonNode sessions = now.path("sessions");
            return sessions.size() == 3 && "cancelled".equals(sessions.get(0).path("status").asText())
                    && sessions.get(1).path("remindersSent").asLong() == 1 ? now : null;
        });
        assertThat(agenda.path("timeZone").asText()).isEqualTo("Africa/Nairobi");
        JsonNode shown = agenda.path("sessions").get(1);
        assertThat(shown.path("id").asText()).isEqualTo(panel);
        assertThat(Instant.parse(shown.path("startsAt").asText())).isEqualTo(at(day, 12, 0));
        assertThat(shown.path("speakers")).extracting(s -> s.path("name").asText())
                .containsExactly("Amina Njeri", "Otieno Odhiambo");
        assertThat(shown.path("remindersPending").asLong()).isZero();
        assertThat(agenda.path("sessions").get(0).path("venueId").asText()).isEqualTo(venue);
        assertThat(agenda.path("sessions").get(2).path("title").asText()).isEqualTo("Workshop");
    }

    @Test
    void anotherOrganizationSeesNoneOfTheAgenda() {
        Conversations org = new Conversations(admin, 50);
        Conversations other = new Conversations(admin, 50);
        String eventId = org.createEvent("DevFest", 5);
        LocalDate day = LocalDate.now(NAIROBI).plusDays(3);
        String sessionId = session(org, eventId, "Talk", at(day, 9, 0), at(day, 10, 0), null, null);
        String speaker = created(org.admin.post(org.path("/speakers"), Map.of("name", "Amina")), "speakerId");

        assertThat(other.admin.post(other.path("/events/" + eventId + "/sessions"), Map.of("title", "Mine",
                "startsAt", at(day, 9, 0).toString(), "endsAt", at(day, 10, 0).toString())).status()).isEqualTo(404);
        assertThat(other.admin.post(other.path("/events/" + eventId + "/sessions/" + sessionId + "/cancel"), Map.of())
                .status()).isEqualTo(404);
        assertThat(other.admin.put(other.path("/speakers/" + speaker), Map.of("name", "Eve")).status()).isEqualTo(404);
        assertThat(other.admin.get(other.path("/events/" + eventId + "/agenda")).status()).isEqualTo(404);
        // the other organization's contacts find no agenda either
        String contact = phone();
        other.says(contact, "agenda");
        assertThat(GRAPH.awaitSentTo(contact, 1).get(0).text()).startsWith("There are no sessions on the agenda");
    }

    @Test
    void theAgendaPageShowsTheSessionsAndBuildsTheAgenda() {
        AdminClient.Onboarded org = admin.onboardOrganizationWithOwner();
        AdminClient.Response event = org.owner().post(org.path("/events"), Map.of("name", "AgriSummit",
                "venue", "KICC", "startsAt", "2031-03-01T06:00:00Z"));
        assertThat(event.status()).as(event.toString()).isEqualTo(201);
        String eventId = event.text("eventId");
        DashboardSession page = DashboardSession.logIn(admin.baseUrl(), TeamMembers.owner(org));
        assertThat(page.get("/app/events/" + eventId + "/agenda").body()).contains("No session on this agenda yet");

        DashboardSession.Page added = page.post("/app/events/" + eventId + "/agenda/sessions", Map.of(
                "title", "Soil health", "startsAt", "2031-03-01T09:00", "endsAt", "2031-03-01T10:30",
                "room", "Hall B", "capacity", "80", "timeZone", "Africa/Nairobi", "description", ""));
        assertThat(added.status()).as(added.body()).isEqualTo(302);
        String shown = page.get("/app/events/" + eventId + "/agenda").body();
        assertThat(shown).contains("Soil health", "Hall B", "Sat 1 Mar 09:00–10:30", "Times in Africa/Nairobi");
        String sessionId = eventually(() -> {
            JsonNode agenda = org.owner().get(org.path("/events/" + eventId + "/agenda")).body();
            return agenda.path("sessions").size() == 1 ? agenda : null;
        }).path("sessions").get(0).path("id").asText();
        // the API stored the local time in the agenda's zone
        assertThat(org.owner().get(org.path("/events/" + eventId + "/agenda")).body().path("sessions").get(0)
                .path("startsAt").asText()).isEqualTo("2031-03-01T06:00:00Z");

        DashboardSession.Page speaker = page.post("/app/events/" + eventId + "/agenda/speakers", Map.of(
                "name", "Wanjiru Kamau", "title", "Agronomist", "company", "KALRO", "bio", "", "sessionId", sessionId));
        assertThat(speaker.status()).as(speaker.body()).isEqualTo(302);
        assertThat(page.get("/app/events/" + eventId + "/agenda").body()).contains("Wanjiru Kamau, Agronomist, KALRO");

        DashboardSession.Page backwards = page.post("/app/events/" + eventId + "/agenda/sessions", Map.of(
                "title", "Backwards", "startsAt", "2031-03-01T12:00", "endsAt", "2031-03-01T11:00", "room", "",
                "capacity", "", "description", ""));
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.body()).contains("a session ends after it starts");

        assertThat(page.post("/app/events/" + eventId + "/agenda/sessions/" + sessionId + "/cancel", Map.of())
                .status()).isEqualTo(302);
        eventually(() -> {
            JsonNode agenda = org.owner().get(org.path("/events/" + eventId + "/agenda")).body();
            return "cancelled".equals(agenda.path("sessions").get(0).path("status").asText()) ? agenda : null;
        });
        assertThat(page.get("/app/events/" + eventId + "/agenda").body()).contains("(cancelled)")
                .doesNotContain("Cancel session</button>");
    }

    private void remind(Conversations org, String contact, String sessionId) {
        org.says(contact, "agenda");
        GRAPH.awaitSentTo(contact, 1);
        org.taps(contact, "agenda:remind:" + sessionId, "Remind me", false);
        assertThat(GRAPH.awaitSentTo(contact, 2).get(1).text()).startsWith("Done! I'll remind you");
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(NAIROBI).toInstant();
    }

    private static String session(Conversations org, String eventId, String title, Instant startsAt, Instant endsAt,
                                  String room, String venueId) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "startsAt", startsAt.toString(),
                "endsAt", endsAt.toString(), "timeZone", "Africa/Nairobi"));
        if (room != null) {
            body.put("room", room);
        }
        if (venueId != null) {
            body.put("venueId", venueId);
        }
        return created(org.admin.post(org.path("/events/" + eventId + "/sessions"), body), "sessionId");
    }

    private static String created(AdminClient.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text(field);
    }

    private static List<String> buttonIds(GraphApiStandIn.Sent sent) {
        List<String> ids = new ArrayList<>();
        sent.body().path("interactive").path("action").path("buttons")
                .forEach(button -> ids.add(button.path("reply").path("id").asText()));
        return ids;
    }

    private long events(String type, String sessionId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM event_log WHERE event_type = ? AND payload->>'sessionId' = ?""",
                Long.class, type, sessionId);
    }

    private List<String> cancelled(String sessionId) {
        return jdbc.queryForList("""
                SELECT payload->>'reason' FROM event_log WHERE event_type = 'ReminderCancelled'
                  AND payload->>'sessionId' = ?""", String.class, sessionId);
    }

    private static JsonNode eventually(Supplier<JsonNode> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            JsonNode found = probe.get();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the read side did not catch up");
    }
}
