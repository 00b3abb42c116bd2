package com.chatnation.crm.application.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Client configurations shared by the queue, the consumer and the domain event publisher. */
public final class KafkaClients {

    /** Small enough not to be felt by a webhook call, large enough to batch the items of one notification. */
    public static final int LINGER_MS = 5;

    private KafkaClients() {
    }

    /**
     * A durable producer of {@code String} keys and {@code byte[]} values: {@code acks=all}, idempotent (no
     * duplicates or reordering from its own retries), retrying until {@code sendTimeout}, which also bounds how
     * long {@code send} may block for metadata.
     */
    public static Map<String, Object> producer(String bootstrapServers, Map<String, ?> extra, Duration sendTimeout) {
        int delivery = (int) Math.max(sendTimeout.toMillis(), 2L * LINGER_MS + 1);
        Map<String, Object> config = common(bootstrapServers, extra);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, delivery - LINGER_MS));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putAll(overrides(extra, "producer."));
        return config;
    }

    /** A manually committing consumer of {@code String} keys and {@code byte[]} values, starting at the earliest offset. */
    public static Map<String, Object> consumer(String bootstrapServers, Map<String, ?> extra, String groupId) {
        Map<String, Object> config = common(bootstrapServers, extra);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putAll(overrides(extra, "consumer."));
        return config;
    }

    public static Map<String, Object> admin(String bootstrapServers, Map<String, ?> extra) {
        Map<String, Object> config = common(bootstrapServers, extra);
        config.putAll(overrides(extra, "admin."));
        return config;
    }

    /**
     * The bootstrap servers plus every extra property without a {@code producer.}, {@code consumer.} or
     * {@code admin.} prefix; prefixed ones apply to that kind of client only.
     */
    private static Map<String, Object> common(String bootstrapServers, Map<String, ?> extra) {
        Map<String, Object> config = new HashMap<>();
        if (extra != null) {
            extra.forEach((key, value) -> {
                if (!key.startsWith("producer.") && !key.startsWith("consumer.") && !key.startsWith("admin.")) {
                    config.put(key, value);
                }
            });
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    private static Map<String, Object> overrides(Map<String, ?> extra, String prefix) {
        Map<String, Object> config = new HashMap<>();
        if (extra != null) {
            extra.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    config.put(key.substring(prefix.length()), value);
                }
            });
        }
        return config;
    }
}
