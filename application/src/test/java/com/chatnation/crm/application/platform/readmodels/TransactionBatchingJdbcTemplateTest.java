package com.chatnation.crm.application.platform.readmodels;

import com.chatnation.crm.application.support.SharedTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live projections' template, on one connection whose temporary tables shadow two read tables' names. */
class TransactionBatchingJdbcTemplateTest {

    private SingleConnectionDataSource dataSource;
    private TransactionBatchingJdbcTemplate jdbc;
    private JdbcTemplate plain;
    private TransactionTemplate transaction;

    @BeforeEach
    void tables() throws Exception {
        dataSource = new SingleConnectionDataSource(DriverManager.getConnection(SharedTestDatabase.jdbcUrl(),
                SharedTestDatabase.username(), SharedTestDatabase.password()), true);
        plain = new JdbcTemplate(dataSource);
        plain.execute("CREATE TEMP TABLE contacts (id TEXT PRIMARY KEY, n INT NOT NULL)");
        jdbc = new TransactionBatchingJdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @Test
    void writesInATransactionAreSentBeforeItCommitsAndBeforeAnyRead() {
        Integer seenInside = transaction.execute(status -> {
            jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 1);
            jdbc.update("UPDATE contacts SET n = n + ? WHERE id = ?", 1, "a");
            return jdbc.queryForObject("SELECT n FROM contacts WHERE id = 'a'", Integer.class);
        });
        transaction.executeWithoutResult(status -> jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "b", 5));

        assertThat(seenInside).isEqualTo(2);
        assertThat(plain.queryForObject("SELECT string_agg(id || '=' || n, ',' ORDER BY id) FROM contacts",
                String.class)).isEqualTo("a=2,b=5");
    }

    @Test
    void aFailingBatchFailsTheCommitAndLeavesNothingBehind() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 1);
            jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 2);
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("INSERT INTO contacts");

        assertThat(plain.queryForObject("SELECT count(*) FROM contacts", Long.class)).isZero();
        // the next transaction starts with an empty queue
        transaction.executeWithoutResult(status -> jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "c", 3));
        assertThat(plain.queryForObject("SELECT count(*) FROM contacts", Long.class)).isEqualTo(1L);
    }

    @Test
    void outsideATransactionAnUpdateRunsAtOnceAndCountsItsRows() {
        assertThat(jdbc.update("INSERT INTO contacts (id, n) VALUES (?, ?)", "a", 1)).isEqualTo(1);
        assertThat(jdbc.update("UPDATE contacts SET n = ? WHERE id = ?", 9, "missing")).isZero();
    }
}
