package com.chatnation.crm.application.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the service's topics when they are missing; existing topics are left as they are. */
public final class KafkaTopics {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

    private KafkaTopics() {
    }

    /** The outcome of {@link #ensure}: the topics that had to be created. */
    public record Ensured(List<String> created) {
    }

    /**
     * @param replicationFactor 0 for as many replicas as the cluster has brokers, at most 3
     * @return the topics that were created
     */
    public static List<String> ensure(Admin admin, Collection<String> topics, int partitions, int replicationFactor,
                                      Duration timeout) {
        try {
            short replicas = (short) (replicationFactor > 0 ? replicationFactor
                    : Math.min(3, admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size()));
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().distinct().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) Math.max(1, replicas))).toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            admin.createTopics(missing).values().forEach((topic, created) -> {
                try {
                    created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created Kafka topic {} ({} partitions, replication {})", topic, partitions, replicas);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create Kafka topic " + topic, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating Kafka topic " + topic, e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("timed out creating Kafka topic " + topic, e);
                }
            });
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not inspect the Kafka cluster", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inspecting the Kafka cluster", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out inspecting the Kafka cluster", e);
        }
    }
}
