package com.chatnation.crm.application.dashboard;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPLAIN of the dashboard's query shapes (as the query repositories issue them) on the shared test database:
 * each page must come from one range scan of its V9 index, already in the requested order (no Sort node), so a
 * page costs the same however many rows the organization has. On a test database's few rows the planner would
 * rightly prefer a sequential scan or a bitmap scan and a sort, so those are disabled for the check: a plan without
 * a Sort node then proves the index hands rows over in page order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardQueryPlansTest {

    private static final String AT = "'2026-03-01T09:00:00Z'::timestamptz";

    @Autowired
    DataSource dataSource;

    @Test
    void contactPagesWalkTheActivityIndex() throws SQLException {
        assertThat(plan("""
                SELECT id FROM contacts WHERE organization_id = 'o'
                  AND (last_seen_at, id) < (%s, '00000000-0000-0000-0000-000000000000'::uuid)
                ORDER BY last_seen_at DESC, id DESC LIMIT 51""".formatted(AT)))
                .contains("contacts_organization_activity").doesNotContain("Sort");
        // a name search filters the same ordered walk
        assertThat(plan("""
                SELECT id FROM contacts WHERE organization_id = 'o' AND name ILIKE '%%ali%%'
                ORDER BY last_seen_at DESC, id DESC LIMIT 51"""))
                .contains("contacts_organization_activity").doesNotContain("Sort");
    }

    /**
     * On an organization with 20,000 contacts (seeded and analyzed in a transaction that is rolled back), a
     * selective phone prefix is a range of the pattern-ops index, with sequential scans allowed: walking all
     * contacts by activity would cost far more.
     */
    @Test
    void aPhonePrefixIsAnIndexRangeOnABigOrganization() throws SQLException {
        String plan = plan(List.of("""
                        INSERT INTO contacts (id, organization_id, phone, name, first_seen_at, last_seen_at,
                                              last_sequence, created_at, updated_at)
                        SELECT gen_random_uuid(), 'explain-org', '+2547' || lpad(n::text, 8, '0'), 'Contact ' || n,
                               now(), now() - n * interval '1 second', 0, now(), now()
                        FROM generate_series(1, 20000) n""", "ANALYZE contacts"), """
                SELECT id FROM contacts WHERE organization_id = 'explain-org' AND phone LIKE '+25470001234%'
                ORDER BY last_seen_at DESC, id DESC LIMIT 51""");
        assertThat(plan).contains("contacts_organization_phone_prefix").contains("~>=~").doesNotContain("Seq Scan");
    }

    @Test
    void sessionsTranscriptsAndSurveysArePagedInIndexOrder() throws SQLException {
        assertThat(plan("""
                SELECT id FROM conversations WHERE organization_id = 'o'
                  AND contact_id = '00000000-0000-0000-0000-000000000000'::uuid AND (started_at, id) < (%s, 'x')
                ORDER BY started_at DESC, id DESC LIMIT 51""".formatted(AT)))
                .contains("conversations_organization_contact_started").doesNotContain("Sort");
        assertThat(plan("""
                SELECT id FROM messages WHERE organization_id = 'o' AND conversation_id = 'c'
                  AND (created_at, id) > (%s, 'x') ORDER BY created_at, id LIMIT 51""".formatted(AT)))
                .contains("messages_organization_conversation_created").doesNotContain("Sort");
        assertThat(plan("""
                SELECT id FROM surveys s WHERE s.organization_id = 'o' AND (s.created_at, s.id) < (%s, 'x')
                ORDER BY s.created_at DESC, s.id DESC LIMIT 51""".formatted(AT)))
                .contains("surveys_organization_created").doesNotContain("Sort");
    }

    @Test
    void everyInboxFilterIsPagedInIndexOrder() throws SQLException {
        String page = " AND (c.last_message_at, c.id) < (%s, 'x') ORDER BY c.last_message_at DESC, c.id DESC LIMIT 51"
                .formatted(AT);
        for (String filter : List.of("c.inbox_status = 'bot'", "c.inbox_status = 'waiting'", "c.inbox_status = 'closed'")) {
            assertThat(plan("SELECT c.id FROM conversations c WHERE c.organization_id = 'o' AND " + filter + page))
                    .as(filter).contains("conversations_inbox").doesNotContain("Sort");
        }
        assertThat(plan("SELECT c.id FROM conversations c WHERE c.organization_id = 'o' "
                + "AND c.awaiting_agent_since IS NOT NULL" + page))
                .contains("conversations_inbox_awaiting").doesNotContain("Sort");
        assertThat(plan("SELECT c.id FROM conversations c WHERE c.organization_id = 'o' "
                + "AND c.inbox_status = 'assigned' AND c.assigned_agent_id = 'a'" + page))
                .contains("conversations_inbox").doesNotContain("Sort");
        // each item's latest message: one step back along the transcript's index
        assertThat(plan("""
                SELECT id FROM messages WHERE organization_id = 'o' AND conversation_id = 'c'
                ORDER BY created_at DESC, id DESC LIMIT 1"""))
                .contains("messages_organization_conversation_created").doesNotContain("Sort");
    }

    @Test
    void transactionPagesUseTheIndexOfTheirFilter() throws SQLException {
        String page = " AND created_at >= %s AND created_at < %s AND (created_at, sequence_number) < (%s, 10)"
                .formatted(AT, AT, AT) + " ORDER BY created_at DESC, sequence_number DESC LIMIT 51";
        assertThat(plan("SELECT id FROM token_transactions WHERE organization_id = 'o'" + page))
                .contains("token_transactions_organization_page").doesNotContain("Sort");
        assertThat(plan("SELECT id FROM token_transactions WHERE organization_id = 'o' AND type = 'debit'" + page))
                .contains("token_transactions_organization_type_page").doesNotContain("Sort");
        assertThat(plan("SELECT id FROM token_transactions WHERE organization_id = 'o' AND module = 'surveys'" + page))
                .contains("token_transactions_organization_module_page").doesNotContain("Sort");
    }

    @Test
    void surveyResultsReadOneSurveysResponsesInTheRange() throws SQLException {
        assertThat(plan("""
                SELECT count(*) FROM survey_responses r
                WHERE r.organization_id = 'o' AND r.survey_id = 's' AND r.started_at >= %s AND r.started_at < %s"""
                .formatted(AT, AT)))
                .contains("survey_responses_organization_survey_started");
    }

    /** The results page's responses, newest first a page at a time: the same index, already in page order. */
    @Test
    void surveyResponsesArePagedInIndexOrder() throws SQLException {
        assertThat(plan("""
                SELECT r.id, c.name FROM survey_responses r
                LEFT JOIN contacts c ON c.id = r.contact_id AND c.organization_id = r.organization_id
                WHERE r.organization_id = 'o' AND r.survey_id = 's' AND r.started_at >= %s AND r.started_at < %s
                  AND (r.started_at, r.id) < (%s, 'x')
                ORDER BY r.started_at DESC, r.id DESC LIMIT 26""".formatted(AT, AT, AT)))
                .contains("survey_responses_organization_survey_started").doesNotContain("Sort");
    }

    private String plan(String query) throws SQLException {
        return plan(List.of("SET LOCAL enable_seqscan = off", "SET LOCAL enable_sort = off",
                "SET LOCAL enable_incremental_sort = off"), query);
    }

    /** EXPLAIN after some setup, all in one transaction that is rolled back. */
    private String plan(List<String> setup, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String step : setup) {
                    statement.execute(step);
                }
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
