package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.platform.executors.TaskExecutors;
import com.chatnation.crm.application.platform.readmodels.StatementQueue;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.time.Duration;

/**
 * The projections' {@link JdbcTemplate} during a rebuild, on the lane's own connection: {@code update(sql, args...)}
 * is queued ({@link StatementQueue}) and sent in JDBC batches. A rebuild applies hundreds of thousands of events
 * through the same few statements, so this is where its time goes. Every other operation (a query, an explicit
 * batch) first sends what is queued, so a handler always reads what the handlers before it wrote. {@code update}
 * answers 1, not the real count: projection handlers must not branch on update counts (the rule is in the
 * projections' package documentation).
 */
final class BatchingJdbcTemplate extends JdbcTemplate {

    private final Connection connection;
    private final int maxQueued;
    private final StatementQueue queue = new StatementQueue();
    /** Commits in the background, one at a time and in order. */
    private final ThreadPoolTaskExecutor writer;
    private volatile CompletableFuture<Void> inFlight;

    BatchingJdbcTemplate(Connection connection, int maxQueued) {
        this(connection, maxQueued, "projection-rebuild-writer-");
    }

    /** @param writerName prefix of the name of the thread that commits in the background */
    BatchingJdbcTemplate(Connection connection, int maxQueued, String writerName) {
        super(new SingleConnectionDataSource(connection, true));
        // Translating a failure must not reach for the connection (the default translator reads its metadata).
        setExceptionTranslator(new SQLExceptionSubclassTranslator());
        this.connection = connection;
        this.maxQueued = maxQueued;
        this.writer = TaskExecutors.singleThread(writerName, Duration.ofMinutes(1));
        writer.initialize();
    }

    @Override
    public int update(String sql, Object... args) throws DataAccessException {
        if (queue.add(sql, args) >= maxQueued) {
            flush();
        }
        return 1;
    }

    /** Every operation of the template other than a queued update gets its connection here: the queue goes first. */
    @Override
    protected DataSource obtainDataSource() {
        flush();
        return super.obtainDataSource();
    }

    /** Sends every queued statement (after any commit under way). */
    void flush() {
        awaitCommitted();
        send(queue.drain());
    }

    /**
     * Sends what is queued and commits it on a background thread, so the caller prepares the next batch of events
     * while PostgreSQL applies this one. At most one commit is under way; a failure surfaces on the next call that
     * uses the connection, and the caller then abandons the transaction (a rebuild fails whole).
     */
    void commitInBackground() {
        awaitCommitted();
        StatementQueue.Drained sending = queue.drain();
        inFlight = CompletableFuture.runAsync(() -> {
            send(sending);
            try {
                connection.commit();
            } catch (SQLException e) {
                throw translateException("rebuild commit", null, e);
            }
        }, writer);
    }

    /** Waits for the commit under way, if any; rethrows its failure. */
    void awaitCommitted() {
        CompletableFuture<Void> pending = inFlight;
        if (pending == null) {
            return;
        }
        inFlight = null;
        try {
            pending.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Waits for the background writer to finish and stops it; queued statements are dropped. */
    void close() {
        try {
            awaitCommitted();
        } catch (RuntimeException ignored) {
            // the caller is already failing or done; the transaction is rolled back next
        } finally {
            discard();
            writer.shutdown();
        }
    }

    /** Forgets what is queued (the transaction is being rolled back). */
    void discard() {
        queue.clear();
    }

    int queuedBatches() {
        return queue.batchCount();
    }

    private void send(StatementQueue.Drained sending) {
        try {
            sending.sendOn(connection);
        } catch (StatementQueue.FailedBatch failed) {
            throw translateException("rebuild batch of " + failed.rows(), failed.sql(), failed.getCause());
        }
    }
}
