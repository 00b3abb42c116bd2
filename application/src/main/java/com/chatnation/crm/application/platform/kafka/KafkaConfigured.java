package com.chatnation.crm.application.platform.kafka;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code spring.kafka.bootstrap-servers} is set: exactly when the PostgreSQL inbox is not used. */
public class KafkaConfigured extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return ConditionOutcome.inverse(new KafkaNotConfigured().getMatchOutcome(context, metadata));
    }
}
