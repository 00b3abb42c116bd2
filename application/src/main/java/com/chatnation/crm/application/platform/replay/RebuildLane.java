package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.platform.executors.TaskExecutors;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Some of a rebuild's processing groups, applied on a thread and a connection of their own. Groups own disjoint
 * tables and no projection reads another group's tables, so lanes need no ordering between them: each applies
 * every event in order to its own groups, and commits each batch while the next is being prepared.
 */
final class RebuildLane implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RebuildLane.class);

    private final String name;
    private final List<String> groups;
    private final Connection connection;
    private final BatchingJdbcTemplate jdbc;
    private final List<AnnotationEventHandlerAdapter> handlers;
    private final ThreadPoolTaskExecutor thread;
    /** Applied and handed to the background commit, not yet known to be committed. Lane thread only. */
    private List<EventMessage<?>> inFlight = List.of();
    private final List<Failure> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RebuildLane(String name, List<String> groups, Connection connection, BatchingJdbcTemplate jdbc,
                        List<AnnotationEventHandlerAdapter> handlers) {
        this.name = name;
        this.groups = groups;
        this.connection = connection;
        this.jdbc = jdbc;
        this.handlers = handlers;
        // single-threaded: the lane applies its batches one at a time, in order
        this.thread = TaskExecutors.singleThread(name + "-", Duration.ofMinutes(1));
        thread.initialize();
    }

    /**
     * Opens the lane's connection with {@code search_path} on the rebuild's schema and builds its projections.
     *
     * @param handlersFor the groups' projections, writing through the given template
     */
    static RebuildLane open(String name, List<String> groups, String schema, DataSource dataSource, int maxQueuedRows,
                            Function<BatchingJdbcTemplate, List<AnnotationEventHandlerAdapter>> handlersFor)
            throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + ShadowTables.safe(schema) + ", public");
                // The copies are thrown away if anything fails before the swap, a crash included, so their commits
                // need not wait for the WAL to reach the disk; the swap itself runs on another connection.
                statement.execute("SET synchronous_commit TO off");
            }
            connection.commit();
            BatchingJdbcTemplate jdbc = new BatchingJdbcTemplate(connection, maxQueuedRows, name + "-writer-");
            return new RebuildLane(name, List.copyOf(groups), connection, jdbc, handlersFor.apply(jdbc));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    List<String> groups() {
        return groups;
    }

    /**
     * Applies the events on the lane's thread and starts committing them; completes when they are applied. When
     * something fails (a handler, a batched statement, the previous batch's commit), the events not yet committed
     * are applied again one at a time, each behind a savepoint: the ones that still fail are left out and reported
     * ({@link #failures()}), as the live processors park them as dead letters, and the rebuild goes on.
     */
    CompletableFuture<Void> apply(List<EventMessage<?>> events) {
        return CompletableFuture.runAsync(() -> {
            try {
                applyAll(events);
                jdbc.commitInBackground(); // waits for the previous batch's commit first
                inFlight = events;
            } catch (RuntimeException failure) {
                List<EventMessage<?>> uncommitted = new ArrayList<>(inFlight);
                uncommitted.addAll(events);
                inFlight = List.of();
                log.warn("Rebuild lane {}: a batch failed ({}); applying its {} events one at a time", name,
                        failure.getMessage(), uncommitted.size());
                applyOneByOne(uncommitted);
            }
        }, thread);
    }

    /** Waits until everything applied so far is committed, recovering a failed last batch like {@link #apply}. */
    void awaitCommitted() {
        CompletableFuture.runAsync(() -> {
            try {
                jdbc.awaitCommitted();
            } catch (RuntimeException failure) {
                List<EventMessage<?>> uncommitted = inFlight;
                inFlight = List.of();
                applyOneByOne(uncommitted);
            }
            inFlight = List.of();
        }, thread).join();
    }

    /** Events of the rebuild that a projection could not apply, in the order met. */
    List<Failure> failures() {
        return List.copyOf(failures);
    }

    record Failure(String eventId, String eventType, String aggregateId, Long sequence, String error) {
    }

    private void applyAll(List<EventMessage<?>> events) {
        try {
            for (EventMessage<?> event : events) {
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    if (handler.canHandle(event)) {
                        handle(handler, event);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each event and projection behind a savepoint of its own: a projection that cannot apply an event loses only
     * that event, and the lane's other projections still apply it, as their live processors did.
     */
    private void applyOneByOne(List<EventMessage<?>> events) {
        jdbc.discard();
        try {
            connection.rollback();
            for (EventMessage<?> event : events) {
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    if (!handler.canHandle(event)) {
                        continue;
                    }
                    Savepoint savepoint = connection.setSavepoint();
                    try {
                        handle(handler, event);
                        jdbc.flush();
                        connection.releaseSavepoint(savepoint);
                    } catch (Exception failed) {
                        jdbc.discard();
                        connection.rollback(savepoint);
                        failures.add(failureOf(event, failed));
                        log.warn("Rebuild lane {}: event {} ({}) cannot be applied by {} and is left out: {}", name,
                                event.getIdentifier(), event.getPayloadType().getSimpleName(),
                                handler.getTargetType().getSimpleName(), failed.getMessage());
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("rebuild lane " + name + " could not apply its events one at a time", e);
        }
    }

    private static Failure failureOf(EventMessage<?> event, Exception failed) {
        Throwable cause = failed;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        return new Failure(event.getIdentifier(), event.getPayloadType().getSimpleName(), aggregate, sequence,
                cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private static void handle(AnnotationEventHandlerAdapter handler, EventMessage<?> message) throws Exception {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        try {
            handler.handle(message);
            unitOfWork.commit();
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }

    /** Drops what is not committed and hands the connection back as it was. */
    @Override
    public void close() {
        // a batch still being applied (another lane failed first) must finish before the connection is reset:
        // shutting down waits for it (up to a minute)
        thread.shutdown();
        jdbc.close();
        try {
            connection.rollback();
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET search_path");
                statement.execute("RESET synchronous_commit");
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            log.warn("Rebuild lane {}: could not reset its connection", name, e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Rebuild lane {}: closing its connection failed", name, e);
            }
        }
    }
}
