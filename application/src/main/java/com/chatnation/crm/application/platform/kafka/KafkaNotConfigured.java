package com.chatnation.crm.application.platform.kafka;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The PostgreSQL inbox is used exactly when Kafka is not: when {@value #BOOTSTRAP_SERVERS} is unset or blank
 * ({@code application.yml} fills it from {@code KAFKA_BOOTSTRAP_SERVERS}). The Kafka transport switches itself on
 * with the inverse of this condition, so this package knows nothing of it.
 */
public class KafkaNotConfigured extends SpringBootCondition {

    public static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String servers = context.getEnvironment().getProperty(BOOTSTRAP_SERVERS);
        return servers == null || servers.isBlank()
                ? ConditionOutcome.match(BOOTSTRAP_SERVERS + " is not set")
                : ConditionOutcome.noMatch("Kafka bootstrap servers " + servers.strip());
    }
}
