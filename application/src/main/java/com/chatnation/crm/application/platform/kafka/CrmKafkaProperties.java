package com.chatnation.crm.application.platform.kafka;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.kafka.config.TopicBuilder;

/**
 * What Spring Boot's {@code spring.kafka.*} has no setting for, under {@code crm.kafka}.
 *
 * @param inboundTopic      accepted webhook items, keyed by ordering key
 * @param deadLetterTopic   inbound records that failed every attempt
 * @param domainEventsTopic every domain event, keyed by aggregate id
 * @param partitions        partitions of the topics created when missing ({@code spring.kafka.admin.auto-create})
 *                          and of republish topics
 * @param replicationFactor their replicas; 0 for the broker's {@code default.replication.factor}
 * @param maxAttempts       tries of one inbound record before it is dead-lettered
 * @param retryBackoff      pause between those tries
 */
@ConfigurationProperties("crm.kafka")
public record CrmKafkaProperties(@DefaultValue("crm.inbound") String inboundTopic,
                                 @DefaultValue("crm.inbound.dlt") String deadLetterTopic,
                                 @DefaultValue("crm.domain-events") String domainEventsTopic,
                                 @DefaultValue("12") int partitions,
                                 @DefaultValue("0") int replicationFactor,
                                 @DefaultValue("5") int maxAttempts,
                                 @DefaultValue("500ms") Duration retryBackoff) {

    public NewTopic newTopic(String name) {
        TopicBuilder topic = TopicBuilder.name(name).partitions(partitions);
        return (replicationFactor > 0 ? topic.replicas(replicationFactor) : topic).build();
    }
}
