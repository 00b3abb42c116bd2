package com.chatnation.crm.application.platform.readmodels;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.concurrent.Callable;

/**
 * The read-model projections' {@link JdbcTemplate} in the live processors. Inside a transaction (a processor's
 * batch of events) {@code update(sql, args...)} is queued ({@link StatementQueue}) and sent as JDBC batches just
 * before the transaction commits, so a batch of events costs a round trip per statement text rather than per row;
 * any other use of the template in that transaction sends the queue first, so handlers read what earlier ones
 * wrote. A failing batch fails the commit and the processor retries its events, as it would for a failing handler.
 * Outside a transaction it behaves as a plain template. {@code update} answers 1 when queued: handlers must not
 * branch on update counts.
 */
final class TransactionBatchingJdbcTemplate extends JdbcTemplate {

    /** Rows queued before they are sent even though the transaction goes on. */
    private static final int MAX_QUEUED_ROWS = 5_000;

    private final Object queueKey = new Object();

    public TransactionBatchingJdbcTemplate(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    public int update(String sql, Object... args) throws DataAccessException {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return super.update(sql, args);
        }
        StatementQueue queue = currentQueue();
        if (queue == null) {
            queue = new StatementQueue();
            bind(queue);
        }
        if (queue.add(sql, args) >= MAX_QUEUED_ROWS) {
            send(queue);
        }
        return 1;
    }

    /** Every operation other than a queued update gets its data source here: the transaction's queue goes first. */
    @Override
    protected DataSource obtainDataSource() {
        StatementQueue queue = currentQueue();
        if (queue != null && !queue.isEmpty()) {
            send(queue);
        }
        return super.obtainDataSource();
    }

    /**
     * Runs {@code work} (one handler's share of one event) so that its writes either all reach the transaction
     * or none do: what earlier events queued is sent first, {@code work}'s own statements are sent before it
     * returns, inside a savepoint; a failure (the handler's or PostgreSQL's) rolls back to the savepoint, drops
     * what it queued and is rethrown with the transaction still usable. This is how a failing event becomes a dead
     * letter instead of failing its whole batch; it costs round trips, so it is used only for events of a batch
     * that failed and for dead letters being retried. Outside a transaction it just runs {@code work}.
     */
    <T> T isolated(Callable<T> work) throws Exception {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return work.call();
        }
        StatementQueue earlier = currentQueue();
        if (earlier != null) {
            send(earlier);
        }
        DataSource dataSource = getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                T result = work.call();
                StatementQueue queued = currentQueue();
                if (queued != null) {
                    send(queued);
                }
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (Exception | Error failure) {
                StatementQueue queued = currentQueue();
                if (queued != null) {
                    queued.clear();
                }
                try {
                    connection.rollback(savepoint);
                } catch (SQLException e) {
                    failure.addSuppressed(e);
                }
                throw failure;
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private StatementQueue currentQueue() {
        return (StatementQueue) TransactionSynchronizationManager.getResource(queueKey);
    }

    private void bind(StatementQueue queue) {
        TransactionSynchronizationManager.bindResource(queueKey, queue);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                send(queue);
            }

            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(queueKey);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(queueKey, queue);
            }

            @Override
            public void afterCompletion(int status) {
                queue.clear();
                TransactionSynchronizationManager.unbindResourceIfPossible(queueKey);
            }
        });
    }

    private void send(StatementQueue queue) {
        if (queue.isEmpty()) {
            return;
        }
        DataSource dataSource = getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            queue.drain().sendOn(connection);
        } catch (StatementQueue.FailedBatch failed) {
            throw translateException("read-model batch of " + failed.rows(), failed.sql(), failed.getCause());
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
