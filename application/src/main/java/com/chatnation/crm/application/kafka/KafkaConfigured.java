package com.chatnation.crm.application.kafka;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when Kafka bootstrap servers are configured: {@code crm.kafka.bootstrap-servers} (which the environment
 * variable {@code CRM_KAFKA_BOOTSTRAP_SERVERS} also sets, by relaxed binding) or, failing that, the plain
 * {@code KAFKA_BOOTSTRAP_SERVERS}. Blank values count as not configured.
 *
 * <p>This plays the part of {@code @ConditionalOnProperty(prefix = "crm.kafka", name = "bootstrap-servers")}
 * while also accepting the conventional variable name, without an environment post-processor.
 */
public class KafkaConfigured extends SpringBootCondition {

    public static final String PROPERTY = "crm.kafka.bootstrap-servers";
    public static final String PLAIN_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String servers = bootstrapServers(context.getEnvironment());
        return servers == null
                ? ConditionOutcome.noMatch("neither " + PROPERTY + " nor " + PLAIN_VARIABLE + " is set")
                : ConditionOutcome.match("Kafka bootstrap servers " + servers);
    }

    /** The configured bootstrap servers, or null when Kafka is not configured. */
    public static String bootstrapServers(Environment environment) {
        String servers = environment.getProperty(PROPERTY);
        if (servers == null || servers.isBlank()) {
            servers = environment.getProperty(PLAIN_VARIABLE);
        }
        return servers == null || servers.isBlank() ? null : servers.strip();
    }
}
