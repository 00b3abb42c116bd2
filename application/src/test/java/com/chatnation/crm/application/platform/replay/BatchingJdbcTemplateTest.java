package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.platform.readmodels.StatementQueue;
import com.chatnation.crm.application.support.SharedTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rebuild's deferred writes, on temporary tables that shadow two read tables' names. */
class BatchingJdbcTemplateTest {

    private Connection connection;
    private BatchingJdbcTemplate jdbc;

    @BeforeEach
    void tables() throws Exception {
        connection = DriverManager.getConnection(SharedTestDatabase.jdbcUrl(), SharedTestDatabase.username(),
                SharedTestDatabase.password());
        connection.setAutoCommit(false);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TEMP TABLE contacts (id TEXT PRIMARY KEY, n INT NOT NULL)");
            ddl.execute("CREATE TEMP TABLE messages (id TEXT PRIMARY KEY, contact_count INT)");
        }
        jdbc = new BatchingJdbcTemplate(connection, 1_000);
    }

    @AfterEach
    void close() throws Exception {
        connection.rollback();
        connection.close();
    }

    @Test
    void statementsOnOtherTablesDoNotSplitABatch() {
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 1);
        jdbc.update("INSERT INTO messages (id) VALUES (?)", "m1");
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "b", 2);
        jdbc.update("INSERT INTO messages (id) VALUES (?)", "m2");

        assertThat(jdbc.queuedBatches()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contacts", Long.class)).isEqualTo(2L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages", Long.class)).isEqualTo(2L);
        assertThat(jdbc.queuedBatches()).as("a query sends what is queued first").isZero();
    }

    @Test
    void aStatementNeverOvertakesAnEarlierOneOnTheSameTable() {
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 1);
        jdbc.update("UPDATE contacts SET n = n * ?", 10);
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "b", 1);

        assertThat(jdbc.queuedBatches()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT string_agg(id || '=' || n, ',' ORDER BY id) FROM contacts", String.class))
                .isEqualTo("a=10,b=1");
    }

    @Test
    void aStatementReadingAnotherTableWaitsForTheWritesBeforeIt() {
        jdbc.update("INSERT INTO messages (id, contact_count) SELECT ?, count(*) FROM contacts", "before");
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 1);
        jdbc.update("INSERT INTO messages (id, contact_count) SELECT ?, count(*) FROM contacts", "after");
        jdbc.flush();

        assertThat(jdbc.queryForObject("SELECT string_agg(id || '=' || contact_count, ',' ORDER BY id) FROM messages",
                String.class)).isEqualTo("after=1,before=0");
    }

    @Test
    void aFailingBatchReportsItsStatementAndCanBeDiscarded() {
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 1);
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 2);

        assertThatThrownBy(jdbc::flush).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("INSERT INTO contacts");
        jdbc.discard();
        assertThat(jdbc.queuedBatches()).isZero();
    }

    @Test
    void aBackgroundCommitIsWaitedForBeforeTheConnectionIsUsedAgain() {
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 1);
        jdbc.commitInBackground();
        jdbc.update("UPDATE contacts SET n = n + ? WHERE id = ?", 1, "a");

        assertThat(jdbc.queryForObject("SELECT n FROM contacts WHERE id = 'a'", Integer.class)).isEqualTo(2);
        jdbc.close();
    }

    @Test
    void aFailedBackgroundCommitSurfacesOnTheNextUse() {
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 1);
        jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 2);
        jdbc.commitInBackground();

        assertThatThrownBy(jdbc::awaitCommitted).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("INSERT INTO contacts");
        jdbc.close();
    }

    @Test
    void tablesAreRecognisedByName() {
        assertThat(StatementQueue.tablesNamedIn("UPDATE wallets SET balance = ? WHERE id = ?"))
                .containsExactly("wallets");
        assertThat(StatementQueue.tablesNamedIn("INSERT INTO Survey_Responses (id) SELECT id FROM contacts"))
                .containsExactlyInAnyOrder("survey_responses", "contacts");
    }
}
