package com.chatnation.crm.projections.audit;

import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXPLAIN of the audit log's query shapes, as {@link AuditLogQueries} issues them: each page must be one range scan
 * of an index, already in page order (no Sort node). On a test database's few rows the planner would rightly
 * prefer a sequential scan and a sort, so those are disabled for the check.
 */
class AuditLogQueryPlansTest {

    private static final String SELECT = """
            SELECT event_id, occurred_at, actor_type, actor_id, actor_address, action, resource_type, resource_id,
                   details
            FROM audit_log WHERE organization_id = 'o'""";
    private static final String PAGE = " AND (occurred_at, event_id) < ('2026-03-01T09:00:00Z'::timestamptz, 'e')"
            + " ORDER BY occurred_at DESC, event_id DESC LIMIT 51";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();

    @Test
    void anUnfilteredPageWalksTheOrganizationIndex() {
        assertThat(plan(SELECT + PAGE)).contains("audit_log_organization_page").doesNotContain("Sort");
        // coarse filters and a date range narrow the same walk
        assertThat(plan(SELECT + " AND actor_type = 'user' AND resource_type = 'Survey'"
                + " AND occurred_at >= '2026-01-01T00:00:00Z' AND occurred_at < '2026-02-01T00:00:00Z'" + PAGE))
                .contains("audit_log_organization_page").doesNotContain("Sort");
    }

    @Test
    void anActorActionOrResourceHasAnIndexOfItsOwn() {
        assertThat(plan(SELECT + " AND actor_id = 'user-1'" + PAGE))
                .contains("audit_log_organization_actor_page").doesNotContain("Sort");
        assertThat(plan(SELECT + " AND action = 'SurveyPublished'" + PAGE))
                .contains("audit_log_organization_action_page").doesNotContain("Sort");
        assertThat(plan(SELECT + " AND resource_type = 'Survey' AND resource_id = 'survey-1'" + PAGE))
                .contains("audit_log_organization_resource_page").doesNotContain("Sort");
    }

    private String plan(String query) {
        return jdbc.execute((ConnectionCallback<String>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
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
                connection.setAutoCommit(autoCommit);
            }
        });
    }
}
