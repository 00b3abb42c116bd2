package com.chatnation.crm.application.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The queries behind an organization's dashboard, timed on the read tables (this branch has no dashboard
 * endpoints yet, so the SQL they would run is timed directly, over JDBC, without HTTP): a page of wallet
 * transactions, the survey results, a funnel of how far responses got, and a page of conversations.
 */
final class DashboardQueries {

    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("wallet transactions page", """
                SELECT id, type, module, action, reference_id, amount, balance_after, created_at
                FROM token_transactions WHERE organization_id = ? ORDER BY created_at DESC LIMIT 50 OFFSET ?""");
        QUERIES.put("survey results", """
                SELECT survey_id, status, answer_values ->> 'q1' AS rating, count(*) AS responses,
                       avg(sentiment_score) AS sentiment
                FROM survey_responses WHERE organization_id = ? AND ? >= 0 GROUP BY 1, 2, 3""");
        QUERIES.put("survey funnel", """
                SELECT question.id, count(*) AS reached
                FROM survey_responses response, jsonb_object_keys(response.answers) AS question(id)
                WHERE response.organization_id = ? AND ? >= 0 GROUP BY question.id ORDER BY question.id""");
        QUERIES.put("conversations page", """
                SELECT id, contact_phone, current_state, status, started_at, last_message_at, message_count
                FROM conversations WHERE organization_id = ? ORDER BY started_at DESC LIMIT 50 OFFSET ?""");
    }

    record Timing(Latencies all, Map<String, Latencies> byQuery, Map<String, Long> rowsPerOrganization) {
    }

    private DashboardQueries() {
    }

    static Timing time(Connection connection, List<String> organizationIds, int rounds) throws SQLException {
        Latencies all = new Latencies();
        Map<String, Latencies> byQuery = new LinkedHashMap<>();
        for (int round = -10; round < rounds; round++) { // ten rounds of warm-up
            for (Map.Entry<String, String> query : QUERIES.entrySet()) {
                String organization = organizationIds.get(ThreadLocalRandom.current().nextInt(organizationIds.size()));
                long started = System.nanoTime();
                try (PreparedStatement statement = connection.prepareStatement(query.getValue())) {
                    statement.setString(1, organization);
                    statement.setInt(2, 50 * ThreadLocalRandom.current().nextInt(5));
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            rows.getObject(1);
                        }
                    }
                }
                long took = System.nanoTime() - started;
                if (round >= 0) {
                    all.record(took);
                    byQuery.computeIfAbsent(query.getKey(), k -> new Latencies()).record(took);
                }
            }
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String table : List.of("messages", "token_transactions", "survey_responses", "conversations")) {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT count(*) FROM " + table + " WHERE organization_id = ?")) {
                count.setString(1, organizationIds.get(0));
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    sizes.put(table, row.getLong(1));
                }
            }
        }
        return new Timing(all, byQuery, sizes);
    }
}
