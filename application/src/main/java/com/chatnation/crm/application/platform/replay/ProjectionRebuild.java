package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.projections.ReadTables;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One rebuild of one or more processing groups, without downtime:
 * <ol>
 *   <li>copies of the groups' tables are created, empty, in a schema of their own ({@link ShadowTables});</li>
 *   <li>fresh instances of the groups' projections, writing through a connection whose {@code search_path} starts
 *       with that schema, are fed the whole history in global-index order, in batches of one transaction each,
 *       while the live processors keep the current tables up to date and dashboards read them;</li>
 *   <li>once a pass over the event store finds only a short tail, the live processors of the groups are shut
 *       down, on this instance and, through a pause ({@link ProcessorPauses}), on every other one; the tail is
 *       applied, and one transaction moves the live tables out, moves the copies into
 *       {@code public} and sets the live processors' tokens to the rebuild's position;</li>
 *   <li>the old tables are dropped and the live processors restart from that position, following live events
 *       into the new tables.</li>
 * </ol>
 * Cancelling, or any failure, before the swap drops the copies and leaves the live tables and tokens as they were.
 * Events are handed to the projections with a {@link ReplayToken} up to the head seen at the start, so handlers
 * marked {@code @DisallowReplay} are skipped for history, as in an Axon replay.
 */
final class ProjectionRebuild {

    public enum State { RUNNING, COMPLETED, CANCELLED, FAILED }

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    /** Rows a rebuild queues before sending them, whatever the batch of events. */
    private static final int MAX_QUEUED_ROWS = 5_000;

    private final String id;
    private final List<String> groups;
    private final List<String> tables;
    private final String schema;
    private final RebuildContext context;
    private final CountDownLatch finished = new CountDownLatch(1);

    private volatile State state = State.RUNNING;
    private volatile String phase = "waiting";
    private volatile boolean cancelRequested;
    private volatile boolean swapped;
    private volatile long processed;
    private volatile long position = -1;
    private volatile long head = -1;
    private volatile Instant startedAt = Instant.now();
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile long lastLog;

    private TrackingToken token;
    private TrackingToken headAtStart;
    private List<RebuildLane> lanes = List.of();
    /** Events the lanes left out, kept after the lanes close so the status still shows them. */
    private volatile List<RebuildLane.Failure> failures = List.of();

    ProjectionRebuild(String id, List<String> groups, RebuildContext context) {
        this.id = id;
        this.groups = List.copyOf(groups);
        this.tables = groups.stream().flatMap(g -> ReadTables.tablesOf(g).stream()).toList();
        this.schema = ShadowTables.schemaFor(groups);
        this.context = context;
    }

    public String id() {
        return id;
    }

    public List<String> groups() {
        return groups;
    }

    public State state() {
        return state;
    }

    public String schema() {
        return schema;
    }

    public boolean isActive() {
        return state == State.RUNNING;
    }

    /** Asks the rebuild to stop; honoured until the swap has begun. */
    public synchronized boolean cancel() {
        if (state != State.RUNNING || swapped || "swapping".equals(phase)) {
            return false;
        }
        cancelRequested = true;
        return true;
    }

    public boolean await(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public RebuildStatus status() {
        Instant end = finishedAt != null ? finishedAt : Instant.now();
        double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        double rate = processed / seconds;
        long remaining = head < 0 ? 0 : Math.max(head - position, 0);
        if (state != State.RUNNING) {
            remaining = 0;
        }
        Long eta = state == State.RUNNING && rate > 0 ? (long) Math.ceil(remaining / rate) : null;
        return new RebuildStatus(id, groups, state.name().toLowerCase(), phase, processed, processed + remaining,
                position, Math.round(rate * 10) / 10.0, eta, startedAt, finishedAt, error, failures.size(),
                failures.stream().limit(10).toList());
    }

    void run() {
        startedAt = Instant.now();
        List<StreamingEventProcessor> stopped = new ArrayList<>();
        State outcome = State.FAILED;
        String retired = ShadowTables.safe(schema + "_retired");
        boolean paused = false;
        try {
            phase = "preparing";
            log.info("Rebuild {} of {} starts into schema {}", id, groups, schema);
            ShadowTables.drop(context.jdbc(), retired);
            ShadowTables.create(context.jdbc(), schema, tables);
            openLanes();
            headAtStart = context.engine().createHeadToken();
            catchUp();
            // written unlogged so far; logged from here on, and before the pause, so the pause stays short
            phase = "logging";
            ShadowTables.makeLogged(context.jdbc(), schema, tables);
            catchUp();
            phase = "tail";
            // the other instances let go of these groups' processors too, or the swap could not claim their tokens
            context.pauses().pause(groups, context.properties().pauseLease());
            paused = true;
            List<CompletableFuture<Void>> stopping = new ArrayList<>();
            for (String group : groups) {
                context.processing().eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                        .filter(StreamingEventProcessor::isRunning)
                        .ifPresent(processor -> {
                            stopped.add(processor);
                            stopping.add(processor.shutdownAsync());
                        });
            }
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            swapWhenClaimed(retired);
            outcome = State.COMPLETED;
            log.info("Rebuild {} of {} completed: {} events in {} s, live tables swapped, processors resume at {}",
                    id, groups, processed, Duration.between(startedAt, Instant.now()).toMillis() / 1000.0, position);
            if (!failures.isEmpty()) {
                log.warn("Rebuild {} of {} left out {} events its projections could not apply (see its status and "
                        + "the dead letters): {}", id, groups, failures.size(), failures.stream().limit(10).toList());
            }
        } catch (Cancelled cancelled) {
            outcome = State.CANCELLED;
            log.info("Rebuild {} of {} cancelled after {} events; live tables untouched", id, groups, processed);
        } catch (Exception | Error e) {
            error = e.toString();
            log.error("Rebuild {} of {} failed after {} events; live tables untouched", id, groups, processed, e);
        } finally {
            if (paused) {
                try {
                    context.pauses().resume(groups);
                } catch (RuntimeException e) {
                    log.warn("Rebuild {}: could not end the pause of {}; it ends with its lease", id, groups, e);
                }
            }
            closeLanes();
            try {
                ShadowTables.drop(context.jdbc(), schema);
                ShadowTables.drop(context.jdbc(), retired);
            } catch (RuntimeException e) {
                log.warn("Rebuild {}: could not drop schema {} or {}", id, schema, retired, e);
            }
            if (!context.stopping()) {
                stopped.forEach(StreamingEventProcessor::start);
            }
            finishedAt = Instant.now();
            state = outcome;
            finished.countDown();
        }
    }

    /** Passes over the store until only a short tail is left, everything written committed. */
    private void catchUp() throws InterruptedException {
        phase = "catching-up";
        while (pass() > context.properties().catchUpLag()) {
            checkCancelled();
        }
        awaitCommitted();
        checkCancelled();
    }

    private void swapWhenClaimed(String retired) throws InterruptedException {
        long deadline = System.nanoTime() + context.properties().claimTimeout().toNanos();
        while (true) {
            pass();
            awaitCommitted();
            synchronized (this) {
                checkCancelled();
                phase = "swapping";
            }
            try {
                TransactionTemplate transaction = context.transactions();
                transaction.executeWithoutResult(status -> {
                    // dashboards queue behind a waiting swap, so it waits briefly and retries rather than stall them
                    context.jdbc().execute("SET LOCAL lock_timeout = '2s'");
                    // the tokens first, then the tables, in the order a processor takes them (its token, then the
                    // rows it writes): the other way round, a processor another instance had not yet let go of
                    // could deadlock with the swap
                    for (String group : groups) {
                        storeToken(context.tokenStore(), group, token);
                    }
                    ShadowTables.swap(context.jdbc(), schema, retired, tables);
                });
                swapped = true;
                return;
            } catch (RuntimeException failed) {
                if (!busy(failed) || System.nanoTime() > deadline) {
                    throw failed;
                }
                RuntimeException busy = failed;
                phase = "tail";
                log.info("Rebuild {}: cannot swap yet ({}); retrying", id, busy.getClass().getSimpleName());
                Thread.sleep(500);
            }
        }
    }

    /**
     * Whether the swap only found the tables or tokens busy: a token another processor still claims, a lock the
     * swap's {@code lock_timeout} gave up on (PostgreSQL's 55P03) or a deadlock it lost (40P01), which Axon's token
     * store reports wrapped in its own {@code JdbcException} when the wait was on a token row.
     */
    private static boolean busy(RuntimeException failure) {
        if (failure instanceof UnableToClaimTokenException || failure instanceof PessimisticLockingFailureException) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("55P03".equals(sql.getSQLState())
                    || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static void storeToken(TokenStore tokens, String group, TrackingToken token) {
        int[] segments = tokens.fetchSegments(group);
        if (segments.length == 0) {
            tokens.initializeTokenSegments(group, 1, token);
            return;
        }
        for (int segment : segments) {
            tokens.fetchToken(group, segment);
            tokens.storeToken(token, group, segment);
            tokens.releaseClaim(group, segment);
        }
    }

    /** Applies every event after the current token that the store has now; returns how many. */
    private long pass() {
        long count = 0;
        List<TrackedEventMessage<?>> batch = new ArrayList<>(context.properties().batchSize());
        try (Stream<? extends TrackedEventMessage<?>> events = context.engine().readEvents(token, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                batch.add(iterator.next());
                if (batch.size() >= context.properties().batchSize()) {
                    count += apply(batch);
                    checkCancelled();
                }
            }
        }
        count += apply(batch);
        return count;
    }

    private int apply(List<TrackedEventMessage<?>> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int size = batch.size();
        List<EventMessage<?>> messages = new ArrayList<>(size);
        for (TrackedEventMessage<?> event : batch) {
            messages.add(replayAware(event));
        }
        List<CompletableFuture<Void>> applied = lanes.stream().map(lane -> lane.apply(messages)).toList();
        try {
            CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        token = batch.get(size - 1).trackingToken();
        position = token.position().orElse(position);
        processed += size;
        batch.clear();
        if (lanes.stream().anyMatch(lane -> !lane.failures().isEmpty())) {
            failures = lanes.stream().flatMap(lane -> lane.failures().stream()).toList();
        }
        head = context.engine().createHeadToken().position().orElse(position);
        long now = System.nanoTime();
        if (now - lastLog >= context.properties().logInterval().toNanos()) {
            lastLog = now;
            RebuildStatus status = status();
            log.info("Rebuild {} of {}: {}/{} events, {}/s, ETA {}s ({})", id, groups, status.processed(),
                    status.total(), status.eventsPerSecond(), status.etaSeconds(), phase);
        }
        return size;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private EventMessage<?> replayAware(TrackedEventMessage<?> event) {
        TrackingToken eventToken = event.trackingToken();
        if (headAtStart == null || !headAtStart.covers(eventToken)) {
            return event;
        }
        TrackingToken replay = new ReplayToken(headAtStart, eventToken);
        if (event instanceof DomainEventMessage<?> domain) {
            return new GenericTrackedDomainEventMessage(replay, domain);
        }
        return new GenericTrackedEventMessage(replay, event);
    }

    /** Spreads the groups over lanes, round robin in their usual order, so heavy groups land apart. */
    private void openLanes() throws SQLException {
        int count = Math.max(1, Math.min(context.properties().lanes(), groups.size()));
        List<List<String>> split = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            split.add(new ArrayList<>());
        }
        for (int i = 0; i < groups.size(); i++) {
            split.get(i % count).add(groups.get(i));
        }
        List<RebuildLane> opened = new ArrayList<>();
        lanes = opened;
        for (int i = 0; i < count; i++) {
            List<String> laneGroups = split.get(i);
            opened.add(RebuildLane.open("projection-rebuild-lane-" + i, laneGroups, schema, context.dataSource(),
                    MAX_QUEUED_ROWS, jdbc -> context.handlersFor(laneGroups, jdbc)));
        }
    }

    private void awaitCommitted() {
        lanes.forEach(RebuildLane::awaitCommitted);
        failures = lanes.stream().flatMap(lane -> lane.failures().stream()).toList();
    }

    private void closeLanes() {
        lanes.forEach(RebuildLane::close);
        lanes = List.of();
    }

    private void checkCancelled() {
        if (cancelRequested || Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** What a rebuild needs from the running service. */
    interface RebuildContext {
        JdbcTemplate jdbc();

        javax.sql.DataSource dataSource();

        TransactionTemplate transactions();

        EventStorageEngine engine();

        EventProcessingConfiguration processing();

        TokenStore tokenStore();

        ReplayProperties properties();

        ProcessorPauses pauses();

        List<AnnotationEventHandlerAdapter> handlersFor(List<String> groups, JdbcTemplate shadow);

        boolean stopping();
    }
}
