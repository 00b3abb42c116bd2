package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.platform.kafka.DomainEventRecords;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Publishes stored history to a Kafka topic, in the domain events topic's record format ({@link DomainEventRecords}),
 * so a new downstream consumer can start from the beginning: every event, or one organization's, or those since a
 * point in time.
 *
 * <p>Events are read in global-index order (upcast to their current revision) and sent by the service's idempotent
 * producer, keyed by aggregate id, so one aggregate's events keep their order within their partition. Delivery is at least
 * once: every send of a batch is acknowledged before the next batch, and a failed job can simply be run again.
 */
@Service
public class HistoryRepublisher {

    private static final Logger log = LoggerFactory.getLogger(HistoryRepublisher.class);
    private static final int BATCH = 500;

    private final EventStorageEngine engine;
    private final ObjectProvider<DomainEventRecords> kafka;
    private final ReplayProperties properties;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService workers = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "history-republish");
        thread.setDaemon(true);
        return thread;
    });

    /** @param kafka present only when Kafka is configured */
    public HistoryRepublisher(EventStorageEngine engine, ObjectProvider<DomainEventRecords> kafka,
                              ReplayProperties properties) {
        this.engine = engine;
        this.kafka = kafka;
        this.properties = properties;
    }

    public record Request(String topic, String organizationId, Instant from) {
    }

    public record JobStatus(String id, String topic, String organizationId, Instant from, String state, long read,
                            long published, Instant startedAt, Instant finishedAt, String error) {
    }

    public synchronized Job start(Request request) {
        if (request.topic() == null || request.topic().isBlank()) {
            throw new IllegalArgumentException("a topic is required");
        }
        DomainEventRecords records = kafka.getIfAvailable();
        if (records == null) {
            throw new IllegalStateException("Kafka is not configured (KAFKA_BOOTSTRAP_SERVERS)");
        }
        Job job = new Job(UUID.randomUUID().toString(), request, records);
        jobs.put(job.id, job);
        workers.execute(job::run);
        return job;
    }

    public synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public final class Job {
        private final String id;
        private final Request request;
        private final DomainEventRecords records;
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile String state = "running";
        private volatile long read;
        private volatile long published;
        private volatile Instant startedAt = Instant.now();
        private volatile Instant finishedAt;
        private volatile String error;

        Job(String id, Request request, DomainEventRecords records) {
            this.id = id;
            this.request = request;
            this.records = records;
        }

        public String id() {
            return id;
        }

        public JobStatus status() {
            return new JobStatus(id, request.topic(), request.organizationId(), request.from(), state, read, published,
                    startedAt, finishedAt, error);
        }

        public boolean await(Duration timeout) throws InterruptedException {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void run() {
            long lastLog = System.nanoTime();
            try {
                records.createTopicIfMissing(request.topic());
                TrackingToken start = request.from() == null ? null : engine.createTokenAt(request.from());
                List<CompletableFuture<?>> inFlight = new ArrayList<>();
                try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(start, false)) {
                    Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                    while (iterator.hasNext()) {
                        TrackedEventMessage<?> event = iterator.next();
                        read++;
                        if (request.organizationId() != null && !request.organizationId().equals(
                                DomainEventRecords.organizationId(event.getPayload()).orElse(null))) {
                            continue;
                        }
                        inFlight.add(records.sendInBulk(request.topic(), event));
                        if (inFlight.size() >= BATCH) {
                            acknowledge(inFlight);
                        }
                        if (System.nanoTime() - lastLog > properties.logInterval().toNanos()) {
                            lastLog = System.nanoTime();
                            log.info("Republishing to {}: {} events read, {} published", request.topic(), read,
                                    published);
                        }
                    }
                }
                acknowledge(inFlight);
                state = "completed";
                log.info("Republished {} of {} events to {}", published, read, request.topic());
            } catch (Exception e) {
                error = e.toString();
                state = "failed";
                log.error("Republishing to {} failed after {} events", request.topic(), published, e);
            } finally {
                finishedAt = Instant.now();
                finished.countDown();
            }
        }

        /** Waits for every send in flight; the producer's delivery timeout bounds each. */
        private void acknowledge(List<CompletableFuture<?>> inFlight) throws Exception {
            for (CompletableFuture<?> send : inFlight) {
                send.get();
                published++;
            }
            inFlight.clear();
        }
    }
}
