package com.chatnation.crm.projections.crm.broadcasts;

import com.chatnation.crm.domain.broadcast.BroadcastCompleted;
import com.chatnation.crm.domain.broadcast.BroadcastCreated;
import com.chatnation.crm.domain.broadcast.BroadcastRecipientId;
import com.chatnation.crm.domain.broadcast.BroadcastStarted;
import com.chatnation.crm.domain.broadcast.BroadcastTemplate;
import com.chatnation.crm.domain.broadcast.RecipientDeliveryUpdated;
import com.chatnation.crm.domain.broadcast.RecipientQueued;
import com.chatnation.crm.domain.broadcast.RecipientReplied;
import com.chatnation.crm.domain.broadcast.RecipientSent;
import com.chatnation.crm.domain.broadcast.RecipientSuppressed;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.queries.BroadcastQueries;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BroadcastsProjectionTest {

    private static final String ORG = "org-1";
    private static final String BROADCAST = "broadcast-1";
    private static final String AMINA = "+254712345678";
    private static final String BARAKA = "+254722000111";
    private static final String CHEPTOO = "+254733000222";
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new BroadcastsProjection(jdbc));
    }

    private static String recipient(String phone) {
        return BroadcastRecipientId.of(BROADCAST, TestContacts.id(phone));
    }

    private static History history() {
        History history = new History()
                .add(BROADCAST, new BroadcastCreated(BROADCAST, ORG, "TechExpo reminder",
                        new BroadcastTemplate("event_reminder", "en", "MARKETING"), List.of(), null, "audience-1", "campaign-7"))
                .add(BROADCAST, new BroadcastStarted(BROADCAST, ORG, 2, 1, "reservation-1", 100));
        for (String phone : List.of(AMINA, BARAKA, CHEPTOO)) {
            history.add(recipient(phone), new RecipientQueued(recipient(phone), BROADCAST, ORG, TestContacts.id(phone),
                    phone, List.of("Friday")));
        }
        return history
                .add(recipient(CHEPTOO), new RecipientSuppressed(recipient(CHEPTOO), BROADCAST, ORG,
                        TestContacts.id(CHEPTOO), "opted_out"))
                .add(recipient(AMINA), new RecipientSent(recipient(AMINA), BROADCAST, ORG, TestContacts.id(AMINA),
                        "wamid.a", 50, "MARKETING", AT))
                .add(recipient(BARAKA), new RecipientSent(recipient(BARAKA), BROADCAST, ORG, TestContacts.id(BARAKA),
                        "wamid.b", 50, "MARKETING", AT))
                .add(recipient(AMINA), new RecipientDeliveryUpdated(recipient(AMINA), BROADCAST, ORG,
                        TestContacts.id(AMINA), DeliveryStatus.READ, AT.plusSeconds(60), null, null, 0))
                .add(recipient(AMINA), new RecipientReplied(recipient(AMINA), BROADCAST, ORG, TestContacts.id(AMINA),
                        AT.plusSeconds(300)))
                .add(recipient(BARAKA), new RecipientDeliveryUpdated(recipient(BARAKA), BROADCAST, ORG,
                        TestContacts.id(BARAKA), DeliveryStatus.FAILED, AT.plusSeconds(30), 131026,
                        "Message undeliverable", 50))
                .add(BROADCAST, new BroadcastCompleted(BROADCAST, ORG, 1, 1, 50, 50));
    }

    @Test
    void aBroadcastAndEachRecipientsFateAreTracked() {
        projector.apply(history().events());

        Map<String, Object> broadcast = jdbc.queryForMap("SELECT * FROM broadcasts WHERE id = ?", BROADCAST);
        assertThat(broadcast).containsEntry("status", "completed").containsEntry("template_category", "MARKETING")
                .containsEntry("recipients", 2).containsEntry("suppressed", 1).containsEntry("tokens_reserved", 100L)
                .containsEntry("tokens_captured", 50L).containsEntry("tokens_released", 50L)
                .containsEntry("callback_data", "campaign-7");
        assertThat(jdbc.queryForList("SELECT status || ' ' || coalesce(suppression_reason, '-') || ' ' "
                        + "|| coalesce(error_code::text, '-') || ' ' || (replied_at IS NOT NULL) || ' ' || tokens_refunded "
                        + "FROM broadcast_recipients WHERE broadcast_id = ? ORDER BY contact_phone", String.class,
                BROADCAST))
                .containsExactly("read - - true 0", "failed - 131026 false 50", "suppressed opted_out - false 0");
    }

    @Test
    void aRecipientWhoCompletesASurveyWithinAWeekOfTheMessageConverted() {
        projector.apply(history().events());
        // Amina (read) completes a survey an hour after the message; Baraka (failed) and Cheptoo (suppressed) too,
        // and Amina again eight days later: only Amina converted, once
        surveyCompleted("r-1", AMINA, AT.plusSeconds(3_600));
        surveyCompleted("r-2", BARAKA, AT.plusSeconds(3_600));
        surveyCompleted("r-3", CHEPTOO, AT.plusSeconds(3_600));
        surveyCompleted("r-4", AMINA, AT.plus(java.time.Duration.ofDays(8)));

        BroadcastQueries.Funnel funnel = new BroadcastQueries(
                new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc)).funnel(ORG, BROADCAST);
        assertThat(funnel.converted()).isEqualTo(1);
        assertThat(funnel.replied()).isEqualTo(1);
        assertThat(funnel.sent()).isEqualTo(2);
    }

    private void surveyCompleted(String responseId, String phone, Instant at) {
        jdbc.update("""
                INSERT INTO survey_responses (id, organization_id, survey_id, survey_version, contact_id, contact_phone,
                                              status, started_at, last_activity_at, completed_at, last_sequence)
                VALUES (?, ?, 's-1', 1, ?::uuid, ?, 'completed', ?, ?, ?, 0)""", responseId, ORG, TestContacts.id(phone),
                phone, java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    @Test
    void replayingGivesTheSameTablesAndErasureKeepsTheCountsWithoutTheNumber() {
        projector.apply(history().events());
        Map<String, String> once = Tables.checksums(jdbc, BroadcastsProjection.TABLES);
        projector.apply(history().events());
        assertThat(Tables.checksums(jdbc, BroadcastsProjection.TABLES)).isEqualTo(once);
        projector.apply(history().events().get(6)); // Amina's "sent" delivered again after her "read"
        assertThat(Tables.checksums(jdbc, BroadcastsProjection.TABLES)).as("no row moves back").isEqualTo(once);

        projector.apply(new History().add("conversation-x", new ContactErased("conversation-x", "s-1", ORG,
                TestContacts.id(AMINA), "request", AT)).events());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = ?",
                Integer.class, BROADCAST)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT contact_phone FROM broadcast_recipients WHERE contact_id = ?::uuid",
                String.class, TestContacts.id(AMINA))).isNull();
    }
}
