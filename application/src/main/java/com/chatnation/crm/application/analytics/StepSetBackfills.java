package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.platform.executors.TaskExecutors;
import com.chatnation.crm.projections.analytics.CustomSteps;
import com.chatnation.crm.projections.analytics.StepSetDefinition;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Backfills a step set from the event store: deletes the set's rows, reads every stored event from the start (in
 * global order, upcast and deserialized as processors see them), evaluates the set's rules as the live projection
 * does ({@link CustomSteps}) and records what is reached. The live projection keeps counting meanwhile: both write
 * the same rows, keyed by set, step and event, so the overlap counts once. Only events of the types the set's rules
 * name are deserialized. Progress (events read of the store's count when it started) is kept in
 * {@code crm_config.step_set_backfills}, so any instance answers for it. A newer version of the set, or its
 * deletion, stops a backfill under way ({@code superseded}).
 *
 * <p>Backfills run one at a time on their own thread ({@code step-set-backfill-1}), never on a request's.
 */
@Service
class StepSetBackfills {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(StepSetBackfills.class);

    private final JdbcTemplate jdbc;
    private final EventStorageEngine engine;
    private final ThreadPoolTaskExecutor executor;
    private volatile boolean stopping;

    StepSetBackfills(JdbcTemplate jdbc, EventStorageEngine engine,
                     @Qualifier("stepSetBackfillExecutor") ThreadPoolTaskExecutor executor) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.executor = executor;
    }

    @Configuration(proxyBeanMethods = false)
    static class Executor {
        @Bean
        ThreadPoolTaskExecutor stepSetBackfillExecutor() {
            return TaskExecutors.singleThread("step-set-backfill-", Duration.ofSeconds(10));
        }
    }

    /** A backfill's progress. */
    record Progress(String state, long version, long eventsRead, long eventsTotal, long stepsRecorded,
                    Instant startedAt, Instant finishedAt, String error) {
    }

    /** Records that the version's backfill is to run (inside the transaction that saves the version). */
    void register(String organizationId, String key, long version) {
        jdbc.update("""
                        INSERT INTO crm_config.step_set_backfills (organization_id, set_key, version, state, events_read,
                                                                   events_total, steps_recorded, started_at)
                        VALUES (?, ?, ?, 'running', 0, 0, 0, ?)
                        ON CONFLICT (organization_id, set_key) DO UPDATE SET version = excluded.version,
                            state = 'running', events_read = 0, events_total = 0, steps_recorded = 0,
                            started_at = excluded.started_at, finished_at = NULL, error = NULL""",
                organizationId, key, version, Timestamp.from(Instant.now()));
    }

    void start(String organizationId, StepSetDefinition definition, long version) {
        executor.execute(() -> run(organizationId, definition, version));
    }

    Optional<Progress> progress(String organizationId, String key) {
        return jdbc.query("""
                        SELECT state, version, events_read, events_total, steps_recorded, started_at, finished_at, error
                        FROM crm_config.step_set_backfills WHERE organization_id = ? AND set_key = ?""",
                (rs, i) -> new Progress(rs.getString("state"), rs.getLong("version"), rs.getLong("events_read"),
                        rs.getLong("events_total"), rs.getLong("steps_recorded"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                        rs.getString("error")), organizationId, key).stream().findFirst();
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        stopping = true;
    }

    private void run(String organizationId, StepSetDefinition definition, long version) {
        String key = definition.key();
        long read = 0;
        long recorded = 0;
        try {
            if (!current(organizationId, key, version)) {
                finish(organizationId, key, version, "superseded", read, recorded, null);
                return;
            }
            jdbc.update("DELETE FROM custom_step_events WHERE organization_id = ? AND step_set = ?", organizationId, key);
            long total = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            jdbc.update("UPDATE crm_config.step_set_backfills SET events_total = ? "
                    + "WHERE organization_id = ? AND set_key = ? AND version = ?", total, organizationId, key, version);
            List<StepSetDefinition> sets = List.of(definition);
            Set<String> types = definition.eventTypes();
            List<CustomSteps.Reached> pending = new ArrayList<>();
            long sinceFlush = 0;
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                while (iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    read++;
                    sinceFlush++;
                    // the payload's type is known without deserializing it: most of a store is other types
                    if (types.contains(event.getPayloadType().getSimpleName()) && organizationId.equals(
                            CustomSteps.organizationOf(event.getPayload()).orElse(null))) {
                        pending.addAll(CustomSteps.evaluate(organizationId, sets, event));
                    }
                    if (sinceFlush >= BATCH || pending.size() >= BATCH) {
                        if (stopping) {
                            throw new IllegalStateException("the service stopped");
                        }
                        if (!current(organizationId, key, version)) {
                            finish(organizationId, key, version, "superseded", read, recorded, null);
                            return;
                        }
                        recorded += flush(pending);
                        sinceFlush = 0;
                        jdbc.update("UPDATE crm_config.step_set_backfills SET events_read = ?, steps_recorded = ?, "
                                        + "events_total = greatest(events_total, ?) "
                                        + "WHERE organization_id = ? AND set_key = ? AND version = ?",
                                read, recorded, read, organizationId, key, version);
                    }
                }
            }
            if (!current(organizationId, key, version)) {
                finish(organizationId, key, version, "superseded", read, recorded, null);
                return;
            }
            recorded += flush(pending);
            finish(organizationId, key, version, "completed", read, recorded, null);
            log.info("Backfilled step set {} of organization {} (version {}): {} events read, {} steps recorded",
                    key, organizationId, version, read, recorded);
        } catch (RuntimeException e) {
            log.error("Backfilling step set {} of organization {} failed after {} events", key, organizationId, read, e);
            finish(organizationId, key, version, "failed", read, recorded, e.toString());
        }
    }

    private long flush(List<CustomSteps.Reached> pending) {
        int size = pending.size();
        CustomSteps.recordBatch(jdbc, pending);
        pending.clear();
        return size;
    }

    private boolean current(String organizationId, String key, long version) {
        Long stored = jdbc.query("SELECT version FROM crm_config.step_sets WHERE organization_id = ? AND set_key = ?",
                rs -> rs.next() ? rs.getLong(1) : null, organizationId, key);
        return stored != null && stored == version;
    }

    private void finish(String organizationId, String key, long version, String state, long read, long recorded,
                        String error) {
        jdbc.update("""
                        UPDATE crm_config.step_set_backfills SET state = ?, events_read = ?, steps_recorded = ?,
                            events_total = greatest(events_total, ?), finished_at = ?, error = ?
                        WHERE organization_id = ? AND set_key = ? AND version = ?""",
                state, read, recorded, read, Timestamp.from(Instant.now()), error, organizationId, key, version);
    }
}
