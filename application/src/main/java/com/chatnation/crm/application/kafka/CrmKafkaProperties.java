package com.chatnation.crm.application.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings under {@code crm.kafka}. Kafka is used only when {@code bootstrap-servers} is set, either as
 * {@code crm.kafka.bootstrap-servers}, as the environment variable {@code CRM_KAFKA_BOOTSTRAP_SERVERS} (Spring's
 * relaxed binding of the same property) or as the plain {@code KAFKA_BOOTSTRAP_SERVERS} (see
 * {@link KafkaConfigured}).
 *
 * <ul>
 *   <li>{@code inbound-topic} ({@code crm.inbound}): accepted webhook items, keyed by ordering key;</li>
 *   <li>{@code dead-letter-topic} ({@code crm.inbound.dlt}): inbound records that failed every attempt;</li>
 *   <li>{@code domain-events-topic} ({@code crm.domain-events}): every domain event, keyed by aggregate id;</li>
 *   <li>{@code inbound-group-id} ({@code crm-inbound}): the consumer group processing the inbound topic;</li>
 *   <li>{@code consumer-threads} (2): consumer threads, each with its own {@code KafkaConsumer};</li>
 *   <li>{@code max-attempts} (5) and {@code retry-backoff} (500ms): tries of one inbound record before it is
 *       dead-lettered, and the pause between them;</li>
 *   <li>{@code poll-timeout} (1s), {@code shutdown-timeout} (30s): consumer poll and graceful stop bounds;</li>
 *   <li>{@code send-timeout} (30s): how long a write may take until acknowledged by all in-sync replicas;</li>
 *   <li>{@code create-topics} (true), {@code partitions} (12), {@code replication-factor} (0 = as many brokers as
 *       the cluster has, at most 3): topics created on start when missing;</li>
 *   <li>{@code properties}: extra client properties passed to every producer, consumer and admin client
 *       (security settings, for instance: {@code crm.kafka.properties[security.protocol]=SASL_SSL}).</li>
 * </ul>
 */
public class CrmKafkaProperties {

    private String bootstrapServers;
    private String inboundTopic = "crm.inbound";
    private String deadLetterTopic = "crm.inbound.dlt";
    private String domainEventsTopic = "crm.domain-events";
    private String inboundGroupId = "crm-inbound";
    private int consumerThreads = 2;
    private int maxAttempts = 5;
    private Duration retryBackoff = Duration.ofMillis(500);
    private Duration pollTimeout = Duration.ofSeconds(1);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Duration sendTimeout = Duration.ofSeconds(30);
    private boolean createTopics = true;
    private int partitions = 12;
    private int replicationFactor = 0;
    private Map<String, String> properties = new LinkedHashMap<>();

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getInboundTopic() {
        return inboundTopic;
    }

    public void setInboundTopic(String inboundTopic) {
        this.inboundTopic = inboundTopic;
    }

    public String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    public String getDomainEventsTopic() {
        return domainEventsTopic;
    }

    public void setDomainEventsTopic(String domainEventsTopic) {
        this.domainEventsTopic = domainEventsTopic;
    }

    public String getInboundGroupId() {
        return inboundGroupId;
    }

    public void setInboundGroupId(String inboundGroupId) {
        this.inboundGroupId = inboundGroupId;
    }

    public int getConsumerThreads() {
        return consumerThreads;
    }

    public void setConsumerThreads(int consumerThreads) {
        this.consumerThreads = consumerThreads;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getPollTimeout() {
        return pollTimeout;
    }

    public void setPollTimeout(Duration pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public boolean isCreateTopics() {
        return createTopics;
    }

    public void setCreateTopics(boolean createTopics) {
        this.createTopics = createTopics;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public int getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(int replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    /** The consumer's tuning as one value. */
    public KafkaInboundConsumer.Settings consumerSettings() {
        return new KafkaInboundConsumer.Settings(inboundTopic, deadLetterTopic, consumerThreads, maxAttempts,
                retryBackoff, pollTimeout, shutdownTimeout, sendTimeout);
    }
}
