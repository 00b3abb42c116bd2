package com.chatnation.crm.application.ticketing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPLAIN of the event pages' keyset queries (as {@code EventQueries} issues them): each page is one range scan of
 * its V47 index, already in page order (no Sort node), however many sales an event has. Sequential scans and sorts
 * are disabled, as in the dashboard's plan test, so a plan without a Sort proves the index hands rows over in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventPagesQueryPlansTest {

    private static final String AT = "'2026-03-01T09:00:00Z'::timestamptz";

    @Autowired
    DataSource dataSource;

    @Test
    void eventsSalesReservationsAndParticipantsArePagedInIndexOrder() throws SQLException {
        assertThat(plan("""
                SELECT e.id FROM events e WHERE e.organization_id = 'o' AND e.starts_at IS NOT NULL
                  AND (e.starts_at, e.id) < (%s, 'x') ORDER BY e.starts_at DESC, e.id DESC LIMIT 51""".formatted(AT)))
                .contains("events_organization_starts_id").doesNotContain("Sort");
        assertThat(plan("""
                SELECT s.ticket_code FROM tickets s WHERE s.event_id = 'e' AND s.organization_id = 'o'
                  AND (s.issued_at, s.ticket_code) < (%s, 'x') ORDER BY s.issued_at DESC, s.ticket_code DESC LIMIT 51"""
                .formatted(AT))).contains("tickets_event_issued").doesNotContain("Sort");
        assertThat(plan("""
                SELECT r.id FROM ticket_reservations r WHERE r.event_id = 'e' AND r.organization_id = 'o'
                  AND (r.created_at, r.id) < (%s, 'x') ORDER BY r.created_at DESC, r.id DESC LIMIT 51"""
                .formatted(AT))).contains("ticket_reservations_event_created").doesNotContain("Sort");
        assertThat(plan("""
                SELECT p.id FROM participants p WHERE p.event_id = 'e' AND p.organization_id = 'o'
                  AND (p.registered_at, p.id) < (%s, '00000000-0000-0000-0000-000000000000'::uuid)
                ORDER BY p.registered_at DESC, p.id DESC LIMIT 51""".formatted(AT)))
                .contains("participants_event_registered").doesNotContain("Sort");
    }

    /** EXPLAIN with sequential scans and sorts disabled, in a transaction that is rolled back. */
    private String plan(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL enable_seqscan = off");
                statement.execute("SET LOCAL enable_sort = off");
                statement.execute("SET LOCAL enable_incremental_sort = off");
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
            }
        }
    }
}
