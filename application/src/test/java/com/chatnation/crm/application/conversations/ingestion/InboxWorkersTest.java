package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.application.support.SharedTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox workers against a real PostgreSQL, in a schema of their own (so the service instances other tests
 * start never see these rows), with a handler that records what it was given and in which transaction.
 */
class InboxWorkersTest {

    private static final String SCHEMA = "inbox_workers_test";
    private static PGSimpleDataSource dataSource;

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final Map<String, Long> transactionOf = new ConcurrentHashMap<>();
    private final Set<String> poison = ConcurrentHashMap.newKeySet();
    private JdbcTemplate jdbc;
    private InboxWorkers workers;

    @BeforeAll
    static void schema() {
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(SharedTestDatabase.jdbcUrl());
        dataSource.setUser(SharedTestDatabase.username());
        dataSource.setPassword(SharedTestDatabase.password());
        new JdbcTemplate(dataSource).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE; CREATE SCHEMA " + SCHEMA);
        dataSource.setCurrentSchema(SCHEMA);
        // the inbox's own migration, run in this schema (all of them would also create crm_config's tables)
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V23__inbound_inbox.sql")).execute(dataSource);
    }

    @BeforeEach
    void start() {
        jdbc = new JdbcTemplate(dataSource);
        jdbc.update("DELETE FROM inbound_inbox");
        TransactionalRetry transaction = new TransactionalRetry(
                new SpringTransactionManager(new DataSourceTransactionManager(dataSource)));
        InboundEnvelopeHandler handler = envelope -> {
            if (poison.contains(envelope.dedupeId())) {
                throw new IllegalArgumentException("cannot handle " + envelope.dedupeId());
            }
            handled.add(envelope.dedupeId());
            transactionOf.put(envelope.dedupeId(), jdbc.queryForObject("SELECT txid_current()", Long.class));
        };
        workers = new InboxWorkers(dataSource, jdbc, transaction, handler,
                new InboxSettings(1, 1, 100, 16, 5, Duration.ofMinutes(10), Duration.ofMillis(50), Duration.ofDays(1)),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        workers.stop();
    }

    @Test
    void itemsWaitingInALaneAreHandledInOneTransactionInOrder() {
        accept("a:1", "b:1", "a:2", "c:1", "b:2");
        workers.start();

        await(() -> done() == 5);
        assertThat(handled).containsExactly("a:1", "b:1", "a:2", "c:1", "b:2");
        assertThat(Set.copyOf(transactionOf.values())).hasSize(1);
    }

    @Test
    void aFailingItemIsRetriedAloneAndHoldsBackOnlyItsOwnContact() {
        poison.add("b:1");
        accept("a:1", "b:1", "a:2", "c:1", "b:2");
        workers.start();

        await(() -> done() == 3);
        // a:1 first went through the shared transaction, which b:1 rolled back; then each went on its own
        assertThat(handled).containsExactly("a:1", "a:1", "a:2", "c:1");
        assertThat(Set.copyOf(transactionOf.values())).hasSize(3);
        assertThat(jdbc.queryForList("SELECT dedupe_id FROM inbound_inbox WHERE status = 'done' ORDER BY id",
                String.class)).containsExactly("a:1", "a:2", "c:1");
        Map<String, Object> failed = jdbc.queryForMap(
                "SELECT status, attempts, last_error, next_attempt_at FROM inbound_inbox WHERE dedupe_id = 'b:1'");
        assertThat(failed).containsEntry("status", "pending").containsEntry("attempts", 1);
        assertThat((String) failed.get("last_error")).contains("cannot handle b:1");
        assertThat(failed.get("next_attempt_at")).isNotNull();
        assertThat(jdbc.queryForObject("SELECT status FROM inbound_inbox WHERE dedupe_id = 'b:2'", String.class))
                .isEqualTo("pending");
    }

    private void accept(String... items) {
        for (String dedupeId : items) {
            String contact = dedupeId.substring(0, dedupeId.indexOf(':'));
            jdbc.update("""
                    INSERT INTO inbound_inbox (envelope_id, organization_id, ordering_key, partition, kind, dedupe_id,
                                               item, accepted_at)
                    VALUES (?, 'org', ?, 0, 'message', ?, '{}'::jsonb, now())""",
                    "env-" + dedupeId, "org:" + contact, dedupeId);
        }
    }

    private int done() {
        return jdbc.queryForObject("SELECT count(*) FROM inbound_inbox WHERE status = 'done'", Integer.class);
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 20 s").isBefore(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
