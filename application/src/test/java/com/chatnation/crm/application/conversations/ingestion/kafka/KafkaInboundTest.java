package com.chatnation.crm.application.conversations.ingestion.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.chatnation.crm.application.platform.privacy.EventJson;
import com.chatnation.crm.application.platform.kafka.SharedKafka;
import com.chatnation.crm.application.platform.kafka.KafkaConfiguration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelope;
import com.chatnation.crm.application.conversations.ingestion.InboundEnvelopeHandler;
import com.chatnation.crm.application.conversations.ingestion.InboundQueue;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The inbound queue and its listener against a real broker, wired as the service wires them: {@link KafkaConfiguration}
 * with the {@code spring.kafka.*} settings of {@code application.yml}.
 */
public class KafkaInboundTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    /** The service's Kafka beans for one inbound topic (created by the test) and consumer group. */
    static ApplicationContextRunner service(String topic, String group) {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                        ConfigurationPropertiesAutoConfiguration.class))
                .withUserConfiguration(KafkaConfiguration.class, InboundKafkaConfiguration.class)
                .withBean(EventJson.class, () -> new EventJson(new ObjectMapper()))
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                        "spring.kafka.admin.auto-create=false",
                        "spring.kafka.consumer.group-id=" + group,
                        "spring.kafka.listener.poll-timeout=200ms",
                        "crm.kafka.inbound-topic=" + topic,
                        "crm.kafka.dead-letter-topic=" + topic + ".dlt",
                        "crm.kafka.retry-backoff=20ms");
    }

    @Test
    void handsEachKeysItemsToTheHandlerInOrderWhileKeysSpreadOverPartitions() {
        String topic = SharedKafka.uniqueTopic("inbound-order");
        SharedKafka.createTopics(4, topic, topic + ".dlt");
        List<String> keys = List.of("org-1:254700000001", "org-1:254700000002", "org-1:254700000003",
                "org-2:254700000001", "org-2:254700000002", "org-2:254700000003");
        List<InboundEnvelope> sent = new ArrayList<>();
        Map<String, List<String>> handledByKey = new ConcurrentHashMap<>();
        Map<String, byte[]> itemsById = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        String group = "group-" + UUID.randomUUID();
        InboundEnvelopeHandler handler = envelope -> {
            threads.add(Thread.currentThread().getName());
            handledByKey.computeIfAbsent(envelope.orderingKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(envelope.dedupeId());
            itemsById.put(envelope.envelopeId(), envelope.item());
        };

        service(topic, group).withPropertyValues("spring.kafka.listener.concurrency=2", "crm.kafka.max-attempts=3")
                .withBean(InboundEnvelopeHandler.class, () -> handler)
                .run(context -> {
                    InboundQueue queue = context.getBean(InboundQueue.class);
                    for (int seq = 0; seq < 10; seq++) {
                        List<InboundEnvelope> batch = new ArrayList<>();
                        for (String key : keys) {
                            batch.add(envelope(key, key + "#" + seq));
                        }
                        queue.enqueue(batch);
                        sent.addAll(batch);
                    }
                    await().atMost(WAIT).until(() -> itemsById.size() >= sent.size());
                });

        for (String key : keys) {
            List<String> expected = sent.stream().filter(e -> e.orderingKey().equals(key))
                    .map(InboundEnvelope::dedupeId).toList();
            assertThat(handledByKey.get(key)).as("items of %s", key).containsExactlyElementsOf(expected);
        }
        assertThat(itemsById).hasSize(sent.size());
        for (InboundEnvelope envelope : sent) {
            assertThat(itemsById.get(envelope.envelopeId())).isEqualTo(envelope.item());
        }
        assertThat(threads).as("named listener threads").isNotEmpty()
                .allMatch(name -> name.startsWith(KafkaInboundListener.ID + "-"));
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
        SharedKafka.createTopics(1, topic, topic + ".dlt");
        String key = "org-1:254700000009";
        String group = "group-" + UUID.randomUUID();
        List<String> firstRun = new CopyOnWriteArrayList<>();
        AtomicInteger attemptsOnC = new AtomicInteger();
        InboundEnvelopeHandler failingOnC = envelope -> {
            if (envelope.dedupeId().equals("c")) {
                attemptsOnC.incrementAndGet();
                throw new IllegalStateException("not yet");
            }
            firstRun.add(envelope.dedupeId());
        };

        service(topic, group).withPropertyValues("crm.kafka.max-attempts=1000")
                .withBean(InboundEnvelopeHandler.class, () -> failingOnC)
                .run(context -> {
                    context.getBean(InboundQueue.class).enqueue(List.of(envelope(key, "a"), envelope(key, "b"),
                            envelope(key, "c"), envelope(key, "d")));
                    await().atMost(WAIT).until(() -> attemptsOnC.get() >= 3);
                });

        assertThat(firstRun).containsExactly("a", "b");
        assertThat(SharedKafka.readAll(topic + ".dlt", 1, Duration.ofSeconds(2))).as("nothing dead-lettered").isEmpty();
        assertThat(SharedKafka.committedOffsets(group)).containsEntry(0, 2L);

        List<String> secondRun = new CopyOnWriteArrayList<>();
        service(topic, group).withPropertyValues("crm.kafka.max-attempts=3")
                .withBean(InboundEnvelopeHandler.class, () -> envelope -> secondRun.add(envelope.dedupeId()))
                .run(context -> await().atMost(WAIT).until(() -> secondRun.contains("d")));

        assertThat(secondRun).containsExactly("c", "d");
        assertThat(SharedKafka.committedOffsets(group)).containsEntry(0, 4L);
    }

    @Test
    void deadLettersAPoisonRecordWithItsErrorAndKeepsTheRestOfThePartitionMoving() {
        String topic = SharedKafka.uniqueTopic("inbound-poison");
        String dlt = topic + ".dlt";
        SharedKafka.createTopics(1, topic, dlt);
        String key = "org-1:254700000007";
        String group = "group-" + UUID.randomUUID();
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger poisonAttempts = new AtomicInteger();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        InboundEnvelopeHandler handler = envelope -> {
            if (envelope.dedupeId().equals("poison")) {
                poisonAttempts.incrementAndGet();
                throw new IllegalStateException("cannot handle " + envelope.dedupeId());
            }
            handled.add(envelope.dedupeId());
        };

        service(topic, group).withPropertyValues("crm.kafka.max-attempts=3")
                .withBean(InboundEnvelopeHandler.class, () -> handler)
                .withBean(SimpleMeterRegistry.class, () -> meters)
                .run(context -> {
                    InboundQueue queue = context.getBean(InboundQueue.class);
                    queue.enqueue(List.of(envelope(key, "a"), envelope(key, "poison")));
                    @SuppressWarnings("unchecked")
                    KafkaTemplate<String, byte[]> template = context.getBean(KafkaTemplate.class);
                    template.send(new ProducerRecord<>(topic, key, "not an envelope".getBytes(StandardCharsets.UTF_8)))
                            .get();
                    queue.enqueue(List.of(envelope(key, "b")));
                    await().atMost(WAIT).until(() -> handled.contains("b"));
                    // Spring Kafka's listener timer (its meters leave the registry with the container)
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        assertThat(listenerCalls(meters, "success")).as("records handled").isEqualTo(2);
                        assertThat(listenerCalls(meters, "failure")).as("3 tries of the poison, 1 of the garbage")
                                .isEqualTo(4);
                    });
                });

        assertThat(handled).containsExactly("a", "b");
        assertThat(poisonAttempts).hasValue(3);
        assertThat(SharedKafka.committedOffsets(group)).containsEntry(0, 4L);

        List<ConsumerRecord<String, byte[]>> originals = SharedKafka.readAll(topic, 4, WAIT);
        List<ConsumerRecord<String, byte[]>> dead = SharedKafka.readAll(dlt, 3, Duration.ofSeconds(5));
        assertThat(dead).as("the poison and the garbage, nothing else").hasSize(2);

        ConsumerRecord<String, byte[]> poison = dead.get(0);
        assertThat(poison.key()).isEqualTo(key);
        assertThat(poison.value()).isEqualTo(originals.get(1).value());
        assertThat(header(poison, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(header(poison, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("cannot handle poison");
        assertThat(header(poison, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
        assertThat(intHeader(poison, KafkaHeaders.DLT_ORIGINAL_PARTITION)).isEqualTo(0);
        assertThat(longHeader(poison, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo(1);
        assertThat(header(poison, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo(group);
        assertThat(intHeader(poison, KafkaHeaders.DELIVERY_ATTEMPT)).as("attempts").isEqualTo(3);
        assertThat(header(poison, KafkaInboundQueue.KIND_HEADER)).as("original headers kept").isEqualTo("message");

        ConsumerRecord<String, byte[]> garbage = dead.get(1);
        assertThat(new String(garbage.value(), StandardCharsets.UTF_8)).isEqualTo("not an envelope");
        assertThat(header(garbage, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(InboundEnvelopeJson.MalformedEnvelopeException.class.getName());
        assertThat(longHeader(garbage, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo(2);
        assertThat(intHeader(garbage, KafkaHeaders.DELIVERY_ATTEMPT)).as("not retried").isEqualTo(1);
    }

    @Test
    void enqueueThrowsWhenTheBrokerCannotBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        service("crm.inbound", "unused")
                .withPropertyValues(
                        "spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort,
                        "crm.kafka.inbound-topic=crm.inbound",
                        "spring.kafka.listener.auto-startup=false",
                        "spring.kafka.properties.reconnect.backoff.max.ms=200",
                        "spring.kafka.producer.properties.delivery.timeout.ms=1500",
                        "spring.kafka.producer.properties.max.block.ms=1500",
                        "spring.kafka.producer.properties.request.timeout.ms=1000")
                .withBean(InboundEnvelopeHandler.class, () -> envelope -> { })
                .run(context -> {
                    InboundQueue queue = context.getBean(InboundQueue.class);
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> queue.enqueue(List.of(envelope("org-1:254700000001", "x"))))
                            .isInstanceOf(KafkaException.class)
                            .hasMessageContaining("crm.inbound");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
                });
    }

    /** Calls of the listener by result, from Spring Kafka's {@code spring.kafka.listener} timer. */
    private static long listenerCalls(SimpleMeterRegistry meters, String result) {
        return meters.find("spring.kafka.listener").tag("result", result).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    public static InboundEnvelope envelope(String orderingKey, String dedupeId) {
        String item = "{\"id\": \"" + dedupeId + "\", \"text\": {\"body\": \"caf\u00e9 1.10\"}, \"n\": 1.10}";
        return new InboundEnvelope(UUID.randomUUID().toString(), orderingKey.substring(0, orderingKey.indexOf(':')),
                orderingKey, "message", dedupeId, item.getBytes(StandardCharsets.UTF_8),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer intHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long longHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : ByteBuffer.wrap(header.value()).getLong();
    }
}
