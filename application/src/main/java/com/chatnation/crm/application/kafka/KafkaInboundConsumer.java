package com.chatnation.crm.application.kafka;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelope;
import com.chatnation.crm.application.conversations.ingestion.InboundEnvelopeHandler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Processes the inbound topic as a consumer group: {@code threads} workers, each with its own
 * {@code KafkaConsumer}, hand every record to the {@link InboundEnvelopeHandler} one at a time and in partition
 * order, so items with one ordering key (one partition) are handled in the order they were accepted while
 * different partitions are handled in parallel.
 *
 * <p>Offsets are committed by hand ({@code enable.auto.commit=false}) after each polled batch, only up to the last
 * record that is done, and for revoked partitions before a rebalance hands them to another worker. A crash or stop
 * therefore leads at most to handling a record again, never to skipping one.
 *
 * <p>A record whose handling throws is tried {@code maxAttempts} times with {@code retryBackoff} in between. When
 * every try fails it is a poison record: it is written, with its key, value and headers, to the dead-letter topic
 * with the headers {@value #ERROR_CLASS_HEADER}, {@value #ERROR_MESSAGE_HEADER}, {@value #ORIGINAL_TOPIC_HEADER},
 * {@value #ORIGINAL_PARTITION_HEADER}, {@value #ORIGINAL_OFFSET_HEADER} and {@value #ATTEMPTS_HEADER}, and the
 * partition moves on. A value that is not an envelope at all goes there at once. If the dead-letter write itself
 * fails the record is kept (not committed) and tried again after the backoff.
 *
 * <p>Stopping ({@link #stop()}/{@link #close()}) lets the record in hand finish (a record still being retried is
 * left for the next start), commits what is done and leaves the group, waiting at most {@code shutdownTimeout}.
 * As a {@link SmartLifecycle} bean it starts after every other bean is ready and stops before them; the handler is
 * taken from its supplier on start, and when there is none the consumer logs a warning and does not start, which
 * leaves the records in the topic for an instance that can handle them.
 *
 * <p>Counts are exposed by {@link #processedCount()}, {@link #deadLetteredCount()} and
 * {@link #failedAttemptCount()}, and, given a {@link MeterRegistry}, as the counter {@code crm.inbound.records}
 * tagged {@code outcome=processed|dead_lettered|failed_attempt}.
 */
public class KafkaInboundConsumer implements SmartLifecycle, AutoCloseable {

    public static final String ERROR_CLASS_HEADER = "dlt-error-class";
    public static final String ERROR_MESSAGE_HEADER = "dlt-error-message";
    public static final String ORIGINAL_TOPIC_HEADER = "dlt-original-topic";
    public static final String ORIGINAL_PARTITION_HEADER = "dlt-original-partition";
    public static final String ORIGINAL_OFFSET_HEADER = "dlt-original-offset";
    public static final String ATTEMPTS_HEADER = "dlt-attempts";

    private static final Logger log = LoggerFactory.getLogger(KafkaInboundConsumer.class);
    private static final int MAX_ERROR_MESSAGE_LENGTH = 4000;

    /**
     * @param topic           the inbound topic
     * @param deadLetterTopic where poison records go
     * @param threads         consumer threads (each a group member with its own consumer)
     * @param maxAttempts     tries of one record before it is dead-lettered (at least 1)
     * @param retryBackoff    pause between tries
     * @param pollTimeout     longest wait of one poll
     * @param shutdownTimeout longest wait for workers to finish on stop
     * @param sendTimeout     longest wait for a dead-letter write to be acknowledged
     */
    public record Settings(String topic, String deadLetterTopic, int threads, int maxAttempts, Duration retryBackoff,
                           Duration pollTimeout, Duration shutdownTimeout, Duration sendTimeout) {

        public Settings {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
            if (threads < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("threads and maxAttempts must be at least 1");
            }
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            Objects.requireNonNull(pollTimeout, "pollTimeout");
            Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            Objects.requireNonNull(sendTimeout, "sendTimeout");
        }
    }

    private enum Outcome { DONE, NOT_DONE }

    private final Map<String, Object> consumerConfig;
    private final Settings settings;
    private final Supplier<? extends InboundEnvelopeHandler> handlerSupplier;
    private final Producer<String, byte[]> deadLetterProducer;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final List<Worker> workers = new ArrayList<>();
    private volatile boolean running;
    private volatile InboundEnvelopeHandler handler;

    /**
     * @param consumerConfig     consumer properties, see {@link KafkaClients#consumer}; must disable auto commit
     * @param handlerSupplier    gives the handler on {@link #start()}; may give null (the consumer then stays idle)
     * @param deadLetterProducer writes poison records; not closed by this consumer
     * @param meterRegistry      optional; null for none
     */
    public KafkaInboundConsumer(Map<String, Object> consumerConfig, Settings settings,
                                Supplier<? extends InboundEnvelopeHandler> handlerSupplier,
                                Producer<String, byte[]> deadLetterProducer, MeterRegistry meterRegistry) {
        if (Boolean.parseBoolean(String.valueOf(consumerConfig.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)))) {
            throw new IllegalArgumentException("the inbound consumer commits by hand; enable.auto.commit must be false");
        }
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.settings = settings;
        this.handlerSupplier = handlerSupplier;
        this.deadLetterProducer = deadLetterProducer;
        if (meterRegistry != null) {
            counter(meterRegistry, "processed", processed);
            counter(meterRegistry, "dead_lettered", deadLettered);
            counter(meterRegistry, "failed_attempt", failedAttempts);
        }
    }

    private static void counter(MeterRegistry registry, String outcome, AtomicLong count) {
        FunctionCounter.builder("crm.inbound.records", count, AtomicLong::doubleValue)
                .tag("outcome", outcome)
                .description("Inbound Kafka records by outcome")
                .register(registry);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        InboundEnvelopeHandler resolved = handlerSupplier.get();
        if (resolved == null) {
            log.warn("No InboundEnvelopeHandler is defined; not consuming Kafka topic {}", settings.topic());
            return;
        }
        handler = resolved;
        running = true;
        workers.clear();
        for (int i = 0; i < settings.threads(); i++) {
            Worker worker = new Worker(i);
            workers.add(worker);
            worker.thread.start();
        }
        log.info("Consuming Kafka topic {} with {} thread(s), group {}", settings.topic(), settings.threads(),
                consumerConfig.get(ConsumerConfig.GROUP_ID_CONFIG));
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        workers.forEach(Worker::wakeup);
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        for (Worker worker : workers) {
            join(worker.thread, deadline);
        }
        for (Worker worker : workers) {
            if (worker.thread.isAlive()) {
                log.warn("Inbound consumer thread {} did not stop in time; interrupting it", worker.thread.getName());
                worker.thread.interrupt();
                join(worker.thread, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            }
        }
        workers.clear();
    }

    private static void join(Thread thread, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    public long processedCount() {
        return processed.get();
    }

    public long deadLetteredCount() {
        return deadLettered.get();
    }

    public long failedAttemptCount() {
        return failedAttempts.get();
    }

    private final class Worker implements Runnable {

        private final Thread thread;
        private final String clientId;
        private volatile KafkaConsumer<String, byte[]> consumer;

        Worker(int index) {
            Object baseId = consumerConfig.get(ConsumerConfig.CLIENT_ID_CONFIG);
            this.clientId = (baseId == null ? "crm-inbound" : baseId) + "-" + index;
            this.thread = new Thread(this, "crm-inbound-consumer-" + index);
        }

        void wakeup() {
            KafkaConsumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        @Override
        public void run() {
            while (running) {
                Map<String, Object> config = new HashMap<>(consumerConfig);
                config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config)) {
                    consumer = kafka;
                    try {
                        consume(kafka, done);
                    } catch (WakeupException | InterruptException stopping) {
                        if (running) {
                            throw stopping;
                        }
                    } finally {
                        commitOnExit(kafka, done);
                    }
                } catch (RuntimeException e) {
                    if (running) {
                        log.error("Inbound consumer {} failed; reconnecting after {}", clientId,
                                settings.retryBackoff(), e);
                        pause(settings.retryBackoff());
                    }
                } finally {
                    consumer = null;
                }
            }
        }

        private void consume(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> done) {
            kafka.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
                    partitions.forEach(partition -> {
                        OffsetAndMetadata offset = done.remove(partition);
                        if (offset != null) {
                            revoked.put(partition, offset);
                        }
                    });
                    commit(kafka, revoked);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    partitions.forEach(done::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    log.debug("Inbound consumer {} assigned {}", clientId, partitions);
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(settings.pollTimeout());
                partitions:
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        if (!running) {
                            break partitions;
                        }
                        if (process(record) == Outcome.DONE) {
                            done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                        } else {
                            if (running) {
                                kafka.seek(partition, record.offset());
                            }
                            continue partitions;
                        }
                    }
                }
                commit(kafka, done);
            }
        }

        private void commitOnExit(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> done) {
            try {
                commit(kafka, done);
            } catch (WakeupException pendingWakeup) {
                commit(kafka, done);
            }
        }

        private void commit(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (offsets.isEmpty()) {
                return;
            }
            try {
                kafka.commitSync(offsets);
            } catch (CommitFailedException | RebalanceInProgressException e) {
                log.warn("Inbound consumer {} could not commit {} (the group rebalanced); those records may be "
                        + "handled again", clientId, offsets, e);
            }
            offsets.clear();
        }
    }

    /** Handles one record: DONE when handled or dead-lettered, NOT_DONE when it must be read again later. */
    private Outcome process(ConsumerRecord<String, byte[]> record) {
        InboundEnvelope envelope;
        try {
            envelope = InboundEnvelopeJson.decode(record.value());
        } catch (InboundEnvelopeJson.MalformedEnvelopeException e) {
            return deadLetter(record, e, 0);
        }
        Exception last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1 && (!running || !pause(settings.retryBackoff()))) {
                return Outcome.NOT_DONE;
            }
            try {
                handler.handle(envelope);
                processed.incrementAndGet();
                return Outcome.DONE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.NOT_DONE;
            } catch (Exception e) {
                last = e;
                failedAttempts.incrementAndGet();
                log.warn("Inbound envelope {} ({} {}-{}@{}) failed attempt {}/{}: {}", envelope.envelopeId(),
                        envelope.kind(), record.topic(), record.partition(), record.offset(), attempt,
                        settings.maxAttempts(), e.toString());
            }
        }
        return deadLetter(record, last, settings.maxAttempts());
    }

    private Outcome deadLetter(ConsumerRecord<String, byte[]> record, Exception error, int attempts) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        header(headers, ERROR_CLASS_HEADER, error.getClass().getName());
        header(headers, ERROR_MESSAGE_HEADER, truncate(String.valueOf(error.getMessage())));
        header(headers, ORIGINAL_TOPIC_HEADER, record.topic());
        header(headers, ORIGINAL_PARTITION_HEADER, Integer.toString(record.partition()));
        header(headers, ORIGINAL_OFFSET_HEADER, Long.toString(record.offset()));
        header(headers, ATTEMPTS_HEADER, Integer.toString(attempts));
        try {
            deadLetterProducer.send(new ProducerRecord<>(settings.deadLetterTopic(), null, record.key(),
                    record.value(), headers)).get(settings.sendTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            deadLettered.incrementAndGet();
            log.error("Dead-lettered inbound record {}-{}@{} after {} attempt(s) to {}", record.topic(),
                    record.partition(), record.offset(), attempts, settings.deadLetterTopic(), error);
            return Outcome.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.NOT_DONE;
        } catch (Exception e) {
            log.error("Could not dead-letter inbound record {}-{}@{}; it stays in place and is retried",
                    record.topic(), record.partition(), record.offset(), e);
            pause(settings.retryBackoff());
            return Outcome.NOT_DONE;
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR_MESSAGE_LENGTH ? message : message.substring(0, MAX_ERROR_MESSAGE_LENGTH);
    }

    /** Sleeps, waking early when stopped; false when the consumer is stopping or the thread was interrupted. */
    private boolean pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            while (running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                Thread.sleep(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
