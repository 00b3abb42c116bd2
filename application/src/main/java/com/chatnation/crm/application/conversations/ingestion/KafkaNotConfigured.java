package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.kafka.KafkaConfigured;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The PostgreSQL inbox is used exactly when Kafka is not. */
public class KafkaNotConfigured extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String servers = KafkaConfigured.bootstrapServers(context.getEnvironment());
        return servers == null ? ConditionOutcome.match("Kafka is not configured")
                : ConditionOutcome.noMatch("Kafka is configured: " + servers);
    }
}
