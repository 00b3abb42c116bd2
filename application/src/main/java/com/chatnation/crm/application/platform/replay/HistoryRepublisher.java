package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.kafka.CrmKafkaProperties;
import com.chatnation.crm.application.kafka.DomainEventRecords;
import com.chatnation.crm.application.kafka.KafkaClients;
import com.chatnation.crm.application.kafka.KafkaConfigured;
import com.chatnation.crm.application.kafka.KafkaTopics;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Publishes stored history to a Kafka topic, in the domain events topic's record format ({@link DomainEventRecords}),
 * so a new downstream consumer can start from the beginning: every event, or one organization's, or those since a
 * point in time.
 *
 * <p>Events are read in global-index order (upcast to their current revision) and sent by one idempotent producer
 * keyed by aggregate id, so one aggregate's events keep their order within their partition. Delivery is at least
 * once: every send of a batch is acknowledged before the next batch, and a failed job can simply be run again.
 */
@Service
public class HistoryRepublisher {

    private static final Logger log = LoggerFactory.getLogger(HistoryRepublisher.class);
    private static final int BATCH = 500;

    private final EventStorageEngine engine;
    private final ObjectMapper objectMapper;
    private final Environment environment;
    private final ObjectProvider<CrmKafkaProperties> kafkaProperties;
    private final ReplayProperties properties;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService workers = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "history-republish");
        thread.setDaemon(true);
        return thread;
    });

    public HistoryRepublisher(EventStorageEngine engine, ObjectMapper objectMapper, Environment environment,
                              ObjectProvider<CrmKafkaProperties> kafkaProperties, ReplayProperties properties) {
        this.engine = engine;
        this.objectMapper = objectMapper;
        this.environment = environment;
        this.kafkaProperties = kafkaProperties;
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
        CrmKafkaProperties kafka = kafkaProperties.getIfAvailable();
        String servers = kafka != null && kafka.getBootstrapServers() != null && !kafka.getBootstrapServers().isBlank()
                ? kafka.getBootstrapServers().strip() : KafkaConfigured.bootstrapServers(environment);
        if (servers == null) {
            throw new IllegalStateException("Kafka is not configured (crm.kafka.bootstrap-servers)");
        }
        Job job = new Job(UUID.randomUUID().toString(), request, servers, kafka == null ? new CrmKafkaProperties() : kafka);
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
        private final String servers;
        private final CrmKafkaProperties kafka;
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile String state = "running";
        private volatile long read;
        private volatile long published;
        private volatile Instant startedAt = Instant.now();
        private volatile Instant finishedAt;
        private volatile String error;

        Job(String id, Request request, String servers, CrmKafkaProperties kafka) {
            this.id = id;
            this.request = request;
            this.servers = servers;
            this.kafka = kafka;
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
            DomainEventRecords records = new DomainEventRecords(objectMapper, request.topic());
            long lastLog = System.nanoTime();
            try (Producer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(servers,
                    kafka.getProperties(), kafka.getSendTimeout()))) {
                if (kafka.isCreateTopics()) {
                    try (Admin admin = Admin.create(KafkaClients.admin(servers, kafka.getProperties()))) {
                        KafkaTopics.ensure(admin, List.of(request.topic()), kafka.getPartitions(),
                                kafka.getReplicationFactor(), kafka.getSendTimeout());
                    }
                }
                TrackingToken start = request.from() == null ? null : engine.createTokenAt(request.from());
                List<Future<RecordMetadata>> inFlight = new ArrayList<>();
                try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(start, false)) {
                    Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                    while (iterator.hasNext()) {
                        TrackedEventMessage<?> event = iterator.next();
                        read++;
                        if (request.organizationId() != null && !request.organizationId().equals(
                                DomainEventRecords.organizationId(event.getPayload()).orElse(null))) {
                            continue;
                        }
                        inFlight.add(producer.send(records.toRecord(event)));
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

        private void acknowledge(List<Future<RecordMetadata>> inFlight) throws Exception {
            for (Future<RecordMetadata> send : inFlight) {
                send.get(kafka.getSendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
                published++;
            }
            inFlight.clear();
        }
    }
}
