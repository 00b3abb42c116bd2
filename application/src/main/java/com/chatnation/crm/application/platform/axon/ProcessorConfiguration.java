package com.chatnation.crm.application.platform.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * How tracking processors take events. Read-model projections are idempotent and keep per-aggregate order,
 * so they handle events in batches (one transaction per batch instead of per event), and at the head of the stream
 * they linger a moment so a batch holds more than the one transaction's events that woke them
 * ({@link LingeringEventSource}). A feature whose processor
 * needs otherwise (the reply dispatcher) registers its own configuration for its group.
 * <p>
 * A handler that fails is not skipped (Axon's default would log the error and drop the event for that read
 * model): the failure propagates, the processor logs it, backs off and retries the batch, and every other
 * processor carries on. The read-model projections then park the event that cannot be applied as a dead letter
 * and go on ({@code platform.deadletters}); other processors retry until the event goes through.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorConfiguration {

    @Bean
    ConfigurerModule processorBatching(AxonProperties properties) {
        int batchSize = properties.processors().batchSize();
        return configurer -> configurer.eventProcessing()
                .configureDefaultStreamableMessageSource(c -> new LingeringEventSource(c.eventStore(),
                        properties.processors().linger(), Clock.systemUTC()))
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(batchSize));
    }
}
