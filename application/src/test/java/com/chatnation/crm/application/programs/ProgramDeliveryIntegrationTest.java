package com.chatnation.crm.application.programs;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.RunningService;
import com.chatnation.crm.domain.program.AddContentItem;
import com.chatnation.crm.domain.program.ContentItem;
import com.chatnation.crm.domain.program.CreateProgram;
import com.chatnation.crm.domain.program.ProgramSchedule;
import org.axonframework.commandhandling.gateway.CommandGateway;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber of a daily program receives three days of items in order across a restart: days one and two from this
 * service, day three from a service started afresh on the same database. Each slot sends once however often the
 * schedule looks, a contact who opted out is unsubscribed at their next slot instead of sent to, and a contact who left
 * by keyword gets nothing more. The schedule is driven with the slot times; the sending is real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgramDeliveryIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    ProgramDeliveries deliveries;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSubscriberReceivesThreeDaysOfItemsInOrderAcrossARestart() throws InterruptedException {
        Conversations org = organization();
        String keyword = "devo" + new Random().nextInt(1_000_000);
        String programId = program(org, keyword, List.of("Day one: gratitude.", "Day two: patience.",
                "Day three: kindness."));
        String jane = phone();
        String john = phone();
        String amos = phone();

        org.says(jane, keyword);
        org.says(john, keyword.toUpperCase());
        org.says(amos, keyword);
        assertThat(GRAPH.awaitSentTo(jane, 1).get(0).text()).contains("subscribed").contains("every day at 06:00");
        GRAPH.awaitSentTo(john, 1);
        GRAPH.awaitSentTo(amos, 1);
        awaitRoster(programId, 3);

        LocalDate first = LocalDate.now(NAIROBI).plusDays(1);
        Instant dayOne = slot(first).plusSeconds(60);
        assertThat(deliveries.deliverDue(dayOne)).isEqualTo(3);
        assertThat(deliveries.deliverDue(dayOne.plusSeconds(600))).isZero(); // the same slot, looked at again
        assertThat(GRAPH.awaitSentTo(jane, 2).get(1).text()).isEqualTo("Day one: gratitude.");

        org.says(john, "stop"); // an opt-out word: no more marketing, so no more program
        org.says(amos, "leave " + keyword);
        assertThat(GRAPH.awaitSentTo(amos, 3).get(2).text()).contains("You've left");
        GRAPH.awaitSentTo(john, 3);

        assertThat(deliveries.deliverDue(slot(first.plusDays(1)).plusSeconds(60))).isEqualTo(1);
        assertThat(GRAPH.awaitSentTo(jane, 3).get(2).text()).isEqualTo("Day two: patience.");

        try (RunningService restarted = RunningService.start()) {
            ProgramDeliveries afresh = restarted.bean(ProgramDeliveries.class);
            assertThat(afresh.deliverDue(slot(first.plusDays(2)).plusSeconds(60))).isEqualTo(1);
            assertThat(afresh.deliverDue(slot(first.plusDays(3)).plusSeconds(60))).isZero(); // nothing after day three
        }
        assertThat(GRAPH.awaitSentTo(jane, 4)).extracting(GraphApiStandIn.Sent::text).containsExactly(
                GRAPH.sentTo(jane).get(0).text(), "Day one: gratitude.", "Day two: patience.", "Day three: kindness.");
        assertThat(GRAPH.sentTo(john)).hasSize(3); // subscribed, day one, opted out
        assertThat(GRAPH.sentTo(amos)).hasSize(3); // subscribed, day one, left
        assertThat(jdbc.queryForList("""
                SELECT payload->>'reason' FROM event_log WHERE event_type = 'UnsubscribedFromProgram'
                  AND payload->>'programId' = ?""", String.class, programId))
                .containsExactlyInAnyOrder("keyword", "opted_out");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM event_log WHERE event_type = 'TokenDebited'
                  AND payload->>'organizationId' = ? AND payload->'billable'->>'action' = 'send_program_item'""",
                Long.class, org.organizationId)).isEqualTo(3 + 1 + 1);
    }

    private Conversations organization() {
        return new Conversations(new AdminClient("http://localhost:" + port), 200, List.of(
                Map.of("module", "content", "action", "reply", "tokens", 1),
                Map.of("module", "content", "action", "send_program_item", "tokens", 2)));
    }

    private String program(Conversations org, String keyword, List<String> items) {
        String programId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateProgram(programId, org.organizationId, "Morning Devotional", "A word a day",
                ProgramSchedule.daily(LocalTime.of(6, 0)), NAIROBI.getId(), keyword, "beginning", null, null,
                Instant.now()));
        for (int i = 0; i < items.size(); i++) {
            commands.sendAndWait(new AddContentItem(programId, org.organizationId, new ContentItem("item-" + (i + 1),
                    ContentItem.TEXT, items.get(i), null, null, i + 1, null), Instant.now()));
        }
        return programId;
    }

    private static Instant slot(LocalDate day) {
        return day.atTime(6, 0).atZone(NAIROBI).toInstant();
    }

    private static String phone() {
        return "+2547" + (10_000_000 + new Random().nextInt(89_999_999));
    }

    private void awaitRoster(String programId, int subscribers) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline) && jdbc.queryForObject(
                "SELECT count(*) FROM program_roster WHERE program_id = ? AND active", Long.class, programId)
                < subscribers) {
            Thread.sleep(50);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM program_roster WHERE program_id = ? AND active",
                Long.class, programId)).isEqualTo(subscribers);
    }
}
