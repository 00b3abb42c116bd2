package com.chatnation.crm.application.platform.deadletters;

import com.chatnation.crm.projections.ReadTables;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every read-model projection (the groups of {@link ReadTables}) gets a sequenced dead-letter queue in
 * {@code deadletterentry}: an event its projection cannot apply is parked there with its error, and so is every later
 * event of the same sequence (the same aggregate, Axon's default sequencing policy), so that aggregate's rows never
 * see its events out of order; every other event goes on. Letters and their diagnostics are written with the event
 * serializer (JSON), like the event store. Retrying and evicting are the operator's ({@link DeadLetterController}).
 * <p>
 * Side-effect processors keep failing loudly instead: the reply dispatcher records a reply it cannot send as failed
 * and refunds it (a parked reply would be sent hours late, out of the conversation), and the Kafka publisher must
 * publish every event in order, so it retries until Kafka takes it.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    ConfigurerModule projectionDeadLetters(ConnectionProvider connectionProvider,
                                           TransactionManager transactionManager,
                                           @Qualifier("eventSerializer") Serializer eventSerializer) {
        DeadLetterSchema schema = DeadLetterSchema.defaultSchema();
        return configurer -> {
            for (String group : ReadTables.BY_GROUP.keySet()) {
                configurer.eventProcessing()
                        .registerDeadLetterQueue(group, c -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .schema(schema)
                                .genericSerializer(eventSerializer)
                                .eventSerializer(eventSerializer)
                                .build())
                        .registerDeadLetterPolicy(group, c -> new RetryCountingPolicy())
                        // a lookup per event only for sequences that may be parked, not for every event
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                                (c, builder) -> builder.enableSequenceIdentifierCache())
                        .registerHandlerInterceptor(group, c -> new FailedBatches(group));
            }
        };
    }
}
