package com.chatnation.crm.application.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelope;
import com.chatnation.crm.application.conversations.ingestion.InboundEnvelopeHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The inbound queue and its consumer against a real broker. */
class KafkaInboundTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    private static Producer<String, byte[]> producer;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(KafkaClients.producer(SharedKafka.bootstrapServers(), Map.of(),
                Duration.ofSeconds(20)));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void handsEachKeysItemsToTheHandlerInOrderWhileKeysSpreadOverPartitions() {
        String topic = SharedKafka.uniqueTopic("inbound-order");
        String dlt = topic + ".dlt";
        SharedKafka.createTopics(4, topic, dlt);
        KafkaInboundQueue queue = new KafkaInboundQueue(producer, topic, Duration.ofSeconds(20));
        List<String> keys = List.of("org-1:254700000001", "org-1:254700000002", "org-1:254700000003",
                "org-2:254700000001", "org-2:254700000002", "org-2:254700000003");
        List<InboundEnvelope> sent = new ArrayList<>();
        for (int seq = 0; seq < 10; seq++) {
            List<InboundEnvelope> batch = new ArrayList<>();
            for (String key : keys) {
                batch.add(envelope(key, key + "#" + seq));
            }
            queue.enqueue(batch);
            sent.addAll(batch);
        }

        Map<String, List<String>> handledByKey = new ConcurrentHashMap<>();
        Map<String, byte[]> itemsById = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        String group = "group-" + UUID.randomUUID();
        KafkaInboundConsumer consumer = consumer(topic, dlt, group, 2, 3, envelope -> {
            threads.add(Thread.currentThread().getName());
            handledByKey.computeIfAbsent(envelope.orderingKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(envelope.dedupeId());
            itemsById.put(envelope.envelopeId(), envelope.item());
        }, null);
        consumer.start();

        await().atMost(WAIT).until(() -> consumer.processedCount() >= sent.size());
        consumer.close();

        for (String key : keys) {
            List<String> expected = sent.stream().filter(e -> e.orderingKey().equals(key))
                    .map(InboundEnvelope::dedupeId).toList();
            assertThat(handledByKey.get(key)).as("items of %s", key).containsExactlyElementsOf(expected);
        }
        assertThat(itemsById).hasSize(sent.size());
        for (InboundEnvelope envelope : sent) {
            assertThat(itemsById.get(envelope.envelopeId())).isEqualTo(envelope.item());
        }
        assertThat(threads).allMatch(name -> name.startsWith("crm-inbound-consumer-"));
        assertThat(SharedKafka.committedOffsets(group).values().stream().mapToLong(Long::longValue).sum())
                .as("every handled record committed").isEqualTo(sent.size());

        List<ConsumerRecord<String, byte[]>> records = SharedKafka.readAll(topic, sent.size(), WAIT);
        assertThat(records).hasSize(sent.size());
        Map<String, Set<Integer>> partitionsByKey = new ConcurrentHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            InboundEnvelope decoded = InboundEnvelopeJson.decode(record.value());
            assertThat(record.key()).isEqualTo(decoded.orderingKey());
            assertThat(header(record, KafkaInboundQueue.KIND_HEADER)).isEqualTo("message");
            assertThat(header(record, KafkaInboundQueue.ORGANIZATION_HEADER)).isEqualTo(decoded.organizationId());
            assertThat(header(record, KafkaInboundQueue.ENVELOPE_HEADER)).isEqualTo(decoded.envelopeId());
            partitionsByKey.computeIfAbsent(record.key(), k -> new HashSet<>()).add(record.partition());
        }
        assertThat(partitionsByKey.values()).allSatisfy(partitions -> assertThat(partitions).hasSize(1));
        assertThat(partitionsByKey.values().stream().flatMap(Set::stream).distinct().count())
                .as("keys spread over partitions").isGreaterThan(1);
    }

    @Test
    void commitsOnlyWhatTheHandlerFinishedSoAnUnfinishedRecordComesBackAfterARestart() {
        String topic = SharedKafka.uniqueTopic("inbound-commit");
        String dlt = topic + ".dlt";
        SharedKafka.createTopics(1, topic, dlt);
        KafkaInboundQueue queue = new KafkaInboundQueue(producer, topic, Duration.ofSeconds(20));
        String key = "org-1:254700000009";
        queue.enqueue(List.of(envelope(key, "a"), envelope(key, "b"), envelope(key, "c"), envelope(key, "d")));

        String group = "group-" + UUID.randomUUID();
        List<String> firstRun = new CopyOnWriteArrayList<>();
        AtomicInteger attemptsOnC = new AtomicInteger();
        KafkaInboundConsumer first = consumer(topic, dlt, group, 1, 1000, envelope -> {
            if (envelope.dedupeId().equals("c")) {
                attemptsOnC.incrementAndGet();
                throw new IllegalStateException("not yet");
            }
            firstRun.add(envelope.dedupeId());
        }, null);
        first.start();
        await().atMost(WAIT).until(() -> attemptsOnC.get() >= 3);
        first.close();

        assertThat(first.isRunning()).isFalse();
        assertThat(firstRun).containsExactly("a", "b");
        assertThat(first.deadLetteredCount()).isZero();
        assertThat(SharedKafka.committedOffsets(group)).containsEntry(0, 2L);

        List<String> secondRun = new CopyOnWriteArrayList<>();
        KafkaInboundConsumer second = consumer(topic, dlt, group, 1, 3,
                envelope -> secondRun.add(envelope.dedupeId()), null);
        second.start();
        await().atMost(WAIT).until(() -> secondRun.contains("d"));
        second.close();

        assertThat(secondRun).containsExactly("c", "d");
        assertThat(SharedKafka.committedOffsets(group)).containsEntry(0, 4L);
    }

    @Test
    void deadLettersAPoisonRecordWithItsErrorAndKeepsTheRestOfThePartitionMoving() {
        String topic = SharedKafka.uniqueTopic("inbound-poison");
        String dlt = topic + ".dlt";
        SharedKafka.createTopics(1, topic, dlt);
        KafkaInboundQueue queue = new KafkaInboundQueue(producer, topic, Duration.ofSeconds(20));
        String key = "org-1:254700000007";
        queue.enqueue(List.of(envelope(key, "a"), envelope(key, "poison")));
        send(new ProducerRecord<>(topic, key, "not an envelope".getBytes(StandardCharsets.UTF_8)));
        queue.enqueue(List.of(envelope(key, "b")));

        String group = "group-" + UUID.randomUUID();
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger poisonAttempts = new AtomicInteger();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KafkaInboundConsumer consumer = consumer(topic, dlt, group, 1, 3, envelope -> {
            if (envelope.dedupeId().equals("poison")) {
                poisonAttempts.incrementAndGet();
                throw new IllegalStateException("cannot handle " + envelope.dedupeId());
            }
            handled.add(envelope.dedupeId());
        }, meters);
        consumer.start();
        await().atMost(WAIT).until(() -> handled.contains("b"));
        consumer.close();

        assertThat(handled).containsExactly("a", "b");
        assertThat(poisonAttempts).hasValue(3);
        assertThat(consumer.processedCount()).isEqualTo(2);
        assertThat(consumer.deadLetteredCount()).isEqualTo(2);
        assertThat(consumer.failedAttemptCount()).isEqualTo(3);
        assertThat(meters.get("crm.inbound.records").tag("outcome", "dead_lettered").functionCounter().count())
                .isEqualTo(2.0);
        assertThat(meters.get("crm.inbound.records").tag("outcome", "processed").functionCounter().count())
                .isEqualTo(2.0);
        assertThat(SharedKafka.committedOffsets(group)).containsEntry(0, 4L);

        List<ConsumerRecord<String, byte[]>> originals = SharedKafka.readAll(topic, 4, WAIT);
        List<ConsumerRecord<String, byte[]>> dead = SharedKafka.readAll(dlt, 2, WAIT);
        assertThat(dead).hasSize(2);

        ConsumerRecord<String, byte[]> poison = dead.get(0);
        assertThat(poison.key()).isEqualTo(key);
        assertThat(poison.value()).isEqualTo(originals.get(1).value());
        assertThat(header(poison, KafkaInboundConsumer.ERROR_CLASS_HEADER))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(header(poison, KafkaInboundConsumer.ERROR_MESSAGE_HEADER)).isEqualTo("cannot handle poison");
        assertThat(header(poison, KafkaInboundConsumer.ORIGINAL_TOPIC_HEADER)).isEqualTo(topic);
        assertThat(header(poison, KafkaInboundConsumer.ORIGINAL_PARTITION_HEADER)).isEqualTo("0");
        assertThat(header(poison, KafkaInboundConsumer.ORIGINAL_OFFSET_HEADER)).isEqualTo("1");
        assertThat(header(poison, KafkaInboundConsumer.ATTEMPTS_HEADER)).isEqualTo("3");
        assertThat(header(poison, KafkaInboundQueue.KIND_HEADER)).as("original headers kept").isEqualTo("message");

        ConsumerRecord<String, byte[]> garbage = dead.get(1);
        assertThat(new String(garbage.value(), StandardCharsets.UTF_8)).isEqualTo("not an envelope");
        assertThat(header(garbage, KafkaInboundConsumer.ERROR_CLASS_HEADER))
                .isEqualTo(InboundEnvelopeJson.MalformedEnvelopeException.class.getName());
        assertThat(header(garbage, KafkaInboundConsumer.ORIGINAL_OFFSET_HEADER)).isEqualTo("2");
        assertThat(header(garbage, KafkaInboundConsumer.ATTEMPTS_HEADER)).isEqualTo("0");
    }

    @Test
    void enqueueThrowsWhenTheBrokerCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (KafkaInboundQueue queue = KafkaInboundQueue.create("127.0.0.1:" + closedPort,
                Map.of("reconnect.backoff.max.ms", "200"), "crm.inbound", Duration.ofMillis(1500))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> queue.enqueue(List.of(envelope("org-1:254700000001", "x"))))
                    .isInstanceOf(KafkaEnqueueException.class)
                    .hasMessageContaining("crm.inbound");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    private KafkaInboundConsumer consumer(String topic, String dlt, String group, int threads, int maxAttempts,
                                          InboundEnvelopeHandler handler, SimpleMeterRegistry meters) {
        KafkaInboundConsumer consumer = new KafkaInboundConsumer(
                KafkaClients.consumer(SharedKafka.bootstrapServers(), Map.of(), group),
                new KafkaInboundConsumer.Settings(topic, dlt, threads, maxAttempts, Duration.ofMillis(20),
                        Duration.ofMillis(200), Duration.ofSeconds(20), Duration.ofSeconds(20)),
                () -> handler, producer, meters);
        toClose.add(consumer);
        return consumer;
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static InboundEnvelope envelope(String orderingKey, String dedupeId) {
        String item = "{\"id\": \"" + dedupeId + "\", \"text\": {\"body\": \"caf\u00e9 1.10\"}, \"n\": 1.10}";
        return new InboundEnvelope(UUID.randomUUID().toString(), orderingKey.substring(0, orderingKey.indexOf(':')),
                orderingKey, "message", dedupeId, item.getBytes(StandardCharsets.UTF_8),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
