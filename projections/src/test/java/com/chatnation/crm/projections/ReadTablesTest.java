package com.chatnation.crm.projections;

import com.chatnation.crm.projections.staff.StaffDirectoryProjection;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadTablesTest {

    private final JdbcTemplate jdbc = TestDatabase.jdbc();

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
    }

    @Test
    void everyListedTableExistsAndCarriesTheOrganization() {
        List<String> withOrganization = jdbc.queryForList("""
                SELECT table_name FROM information_schema.columns
                WHERE table_schema = 'public' AND column_name = 'organization_id'""", String.class);

        assertThat(ReadTables.ALL).doesNotHaveDuplicates().contains("contacts", "conversations", "messages",
                "wallets", "token_transactions", "token_debit_declines", "billing_alerts", "surveys",
                "survey_responses", "response_attachments", "events", "ticket_types", "tickets", "participants",
                "ticket_reservations");
        assertThat(withOrganization).containsAll(ReadTables.ALL);
    }

    @Test
    void everyProjectionTableIsListedOnce() {
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                  AND table_name NOT IN ('organizations', 'flyway_schema_history')""", String.class);
        // Written inside the commands' transactions, like organizations, and never rebuilt by a replay.
        tables.removeAll(StaffDirectoryProjection.TABLES);
        tables.remove("roles");

        assertThat(ReadTables.ALL).containsExactlyInAnyOrderElementsOf(tables);
        assertThat(ReadTables.tablesOf("crm-wallets")).contains("token_transactions");
    }

    @Test
    void checksumChangesWithContentAndIgnoresInsertOrder() {
        String empty = ReadTables.checksum(jdbc, "events");
        OffsetDateTime at = OffsetDateTime.parse("2025-03-01T08:00:00Z");
        jdbc.update("INSERT INTO events (id, organization_id, name, created_at) VALUES ('a', 'o', 'A', ?)", at);
        jdbc.update("INSERT INTO events (id, organization_id, name, created_at) VALUES ('b', 'o', 'B', ?)", at);
        String ab = ReadTables.checksum(jdbc, "events");

        Tables.clear(jdbc);
        jdbc.update("INSERT INTO events (id, organization_id, name, created_at) VALUES ('b', 'o', 'B', ?)", at);
        jdbc.update("INSERT INTO events (id, organization_id, name, created_at) VALUES ('a', 'o', 'A', ?)", at);

        assertThat(ab).isNotEqualTo(empty);
        assertThat(ReadTables.checksum(jdbc, "events")).isEqualTo(ab);
        jdbc.update("UPDATE events SET name = 'A2' WHERE id = 'a'");
        assertThat(ReadTables.checksum(jdbc, "events")).isNotEqualTo(ab);
    }

    @Test
    void refusesTablesItDoesNotKnow() {
        assertThatThrownBy(() -> ReadTables.checksum(jdbc, "organizations; DROP TABLE events"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadTables.tablesOf("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
