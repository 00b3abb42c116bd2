package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.platform.transactions.RetryPolicies;
import com.chatnation.crm.application.platform.executors.TaskExecutors;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Processes the PostgreSQL inbox. Each partition is worked by one worker at a time across all instances (a
 * transaction-level advisory lock), in id order, so a contact's items are handled in the order accepted while
 * other contacts proceed in parallel. An item is marked done in the same transaction as the commands it
 * caused, so a crash never loses it and never applies it twice. Several waiting items of a lane share one
 * transaction; when that fails, they are handled again one at a time. A failing item is retried with backoff
 * (holding back only later items of the same contact) and set aside as dead after the last attempt
 * ({@link RetryPolicies#INBOX_ITEM}: the attempts are counted in the inbox table, so the retries outlive a pass and
 * an instance). The workers are the threads {@code inbox-worker-N} of a pool of their own (metrics
 * {@code executor.*} named {@code inboxWorkers}); stopping lets each finish its pass (up to 30 s).
 */
class InboxWorkers implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboxWorkers.class);
    private static final int LOCK_NAMESPACE = 0x1B0C5;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionalRetry transaction;
    private final InboundEnvelopeHandler handler;
    private final InboxSettings settings;
    private final MeterRegistry meters;
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition work = wakeLock.newCondition();
    private final BackOff retries;
    private final ThreadPoolTaskExecutor threads;
    private final List<Future<?>> loops = new ArrayList<>();
    private volatile boolean running;
    private volatile Instant lastCleanup = Instant.EPOCH;

    public InboxWorkers(DataSource dataSource, JdbcTemplate jdbc, TransactionalRetry transaction,
                        InboundEnvelopeHandler handler, InboxSettings settings, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.handler = handler;
        this.settings = settings;
        this.meters = meters;
        this.retries = RetryPolicies.inboxItem(settings.maxAttempts(), settings.retryBackoff());
        this.threads = TaskExecutors.fixed("inbox-worker-", Math.max(1, settings.workers()), STOP_TIMEOUT);
        threads.initialize();
        new ExecutorServiceMetrics(threads.getThreadPoolExecutor(), "inboxWorkers", List.of()).bindTo(meters);
    }

    /** Called after items were accepted here, so they are picked up at once rather than at the next poll. */
    public void wake() {
        wakeLock.lock();
        try {
            work.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int worker = 0; worker < settings.workers(); worker++) {
            int index = worker;
            loops.add(threads.submit(() -> loop(index)));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Future<?> loop : loops) {
            try {
                loop.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (TimeoutException e) {
                log.warn("an inbox worker did not finish its pass within {}", STOP_TIMEOUT);
            } catch (ExecutionException e) {
                log.warn("an inbox worker ended with an error", e.getCause());
            }
        }
        loops.clear();
    }

    /** Stops the workers' threads for good. */
    @Override
    public void close() {
        stop();
        threads.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the rest of the application (Axon's processors included) and stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void loop(int worker) {
        while (running) {
            int handled = 0;
            try {
                for (int partition : lanesWithWork(worker)) {
                    handled += drain(partition);
                }
                if (worker == 0) {
                    cleanUp();
                }
            } catch (Exception | LinkageError e) {
                // The worker must outlive any one failure, or its lanes would stop for good.
                log.warn("inbox worker {} failed a pass; retrying", worker, e);
            }
            if (handled == 0) {
                idle();
            }
        }
    }

    private void idle() {
        wakeLock.lock();
        try {
            work.await(settings.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            wakeLock.unlock();
        }
    }

    /**
     * The worker's lanes that hold pending items, in one round trip: probing every lane in turn cost a transaction,
     * a lock and a query per empty lane, which under load was most of what the database was asked to do.
     */
    private List<Integer> lanesWithWork(int worker) {
        List<Integer> lanes = new ArrayList<>();
        for (int partition = worker; partition < settings.partitions(); partition += settings.workers()) {
            lanes.add(partition);
        }
        return jdbc.queryForList("""
                SELECT lane FROM unnest(?::int[]) AS lane
                WHERE EXISTS (SELECT 1 FROM inbound_inbox WHERE partition = lane AND status = 'pending')
                ORDER BY lane""", Integer.class, (Object) lanes.toArray(Integer[]::new));
    }

    private int drain(int partition) throws SQLException {
        try (Connection lane = dataSource.getConnection()) {
            lane.setAutoCommit(false);
            try {
                if (!ownLane(lane, partition)) {
                    return 0;
                }
                return process(pending(lane, partition));
            } finally {
                lane.rollback(); // releases the lane; the items were committed in their own transactions
            }
        }
    }

    private boolean ownLane(Connection lane, int partition) throws SQLException {
        try (PreparedStatement lock = lane.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, LOCK_NAMESPACE);
            lock.setInt(2, partition);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private record Item(long id, InboundEnvelope envelope, int attempts, Instant nextAttemptAt) {
    }

    private List<Item> pending(Connection lane, int partition) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (PreparedStatement select = lane.prepareStatement("""
                SELECT id, envelope_id, organization_id, ordering_key, kind, dedupe_id, item::text AS item, accepted_at,
                       attempts, next_attempt_at
                FROM inbound_inbox WHERE partition = ? AND status = 'pending' ORDER BY id LIMIT ?""")) {
            select.setInt(1, partition);
            select.setInt(2, settings.batchSize());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp next = rows.getTimestamp("next_attempt_at");
                    items.add(new Item(rows.getLong("id"), new InboundEnvelope(rows.getString("envelope_id"),
                            rows.getString("organization_id"), rows.getString("ordering_key"), rows.getString("kind"),
                            rows.getString("dedupe_id"), rows.getString("item").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            rows.getTimestamp("accepted_at").toInstant()),
                            rows.getInt("attempts"), next == null ? null : next.toInstant()));
                }
            }
        }
        return items;
    }

    private int process(List<Item> items) {
        Set<String> heldBack = new HashSet<>();
        List<Item> due = new ArrayList<>();
        Instant now = Instant.now();
        for (Item item : items) {
            String key = item.envelope().orderingKey();
            if (heldBack.contains(key)) {
                continue;
            }
            if (item.nextAttemptAt() != null && item.nextAttemptAt().isAfter(now)) {
                heldBack.add(key); // its earlier item waits for a retry: so do the later ones
                continue;
            }
            due.add(item);
        }
        int handled = 0;
        for (int from = 0; from < due.size(); from += settings.itemsPerTransaction()) {
            List<Item> chunk = due.subList(from, Math.min(due.size(), from + settings.itemsPerTransaction()))
                    .stream().filter(item -> !heldBack.contains(item.envelope().orderingKey())).toList();
            handled += chunk.size() > 1 && together(chunk) ? chunk.size() : oneByOne(chunk, heldBack);
        }
        return handled;
    }

    /**
     * Handles several items in one transaction: under load a lane holds many, and one commit for all of them (their
     * events appended as one batch) costs the database and every processor downstream far less than one each.
     *
     * @return false when any of them failed; nothing of the batch is then kept, and each is handled on its own
     */
    private boolean together(List<Item> items) {
        try {
            transaction.inTransaction(() -> {
                for (Item item : items) {
                    handle(item);
                }
                jdbc.update("UPDATE inbound_inbox SET status = 'done', attempts = attempts + 1, processed_at = now() "
                        + "WHERE id = ANY (?)", (Object) items.stream().map(Item::id).toArray(Long[]::new));
            });
        } catch (RuntimeException | LinkageError failure) {
            log.debug("a transaction of {} inbox items failed; handling them one at a time: {}", items.size(),
                    failure.toString());
            return false;
        }
        items.forEach(item -> processed(item));
        return true;
    }

    /** Each item in a transaction of its own, so a failing one is retried, and finally set aside, alone. */
    private int oneByOne(List<Item> items, Set<String> heldBack) {
        int handled = 0;
        for (Item item : items) {
            String key = item.envelope().orderingKey();
            if (heldBack.contains(key)) {
                continue;
            }
            try {
                transaction.inTransaction(() -> {
                    handle(item);
                    jdbc.update("UPDATE inbound_inbox SET status = 'done', attempts = attempts + 1, processed_at = now() "
                            + "WHERE id = ?", item.id());
                });
                processed(item);
                handled++;
            } catch (RuntimeException | LinkageError failure) {
                heldBack.add(key);
                failed(item, failure);
            }
        }
        return handled;
    }

    private void handle(Item item) {
        try {
            handler.handle(item.envelope());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void processed(Item item) {
        meters.counter("crm.inbox.items", "outcome", "processed", "kind", item.envelope().kind()).increment();
    }

    private void failed(Item item, Throwable failure) {
        int attempts = item.attempts() + 1;
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        long backoff = BackOffExecution.STOP;
        BackOffExecution schedule = retries.start();
        for (int failures = 0; failures < attempts; failures++) {
            backoff = schedule.nextBackOff();
        }
        if (backoff == BackOffExecution.STOP) {
            log.error("inbox item {} ({} {}) failed {} times and is set aside: {}", item.id(), item.envelope().kind(),
                    item.envelope().dedupeId(), attempts, error, failure);
            jdbc.update("UPDATE inbound_inbox SET status = 'dead', attempts = ?, last_error = ? WHERE id = ?",
                    attempts, error, item.id());
            meters.counter("crm.inbox.items", "outcome", "dead", "kind", item.envelope().kind()).increment();
            return;
        }
        log.warn("inbox item {} failed (attempt {}), retrying in {} ms: {}", item.id(), attempts, backoff, error);
        jdbc.update("UPDATE inbound_inbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                attempts, error, Timestamp.from(Instant.now().plusMillis(backoff)), item.id());
        meters.counter("crm.inbox.items", "outcome", "retried", "kind", item.envelope().kind()).increment();
    }

    private void cleanUp() {
        if (Instant.now().isBefore(lastCleanup.plus(Duration.ofMinutes(10)))) {
            return;
        }
        lastCleanup = Instant.now();
        int removed = jdbc.update("DELETE FROM inbound_inbox WHERE status = 'done' AND processed_at < ?",
                Timestamp.from(Instant.now().minus(settings.keepProcessed())));
        if (removed > 0) {
            log.info("removed {} processed inbox items older than {}", removed, settings.keepProcessed());
        }
    }
}
