package com.chatnation.crm.application.platform.axon;

import com.chatnation.crm.application.billing.RepliesProperties;
import com.chatnation.crm.application.billing.ReplyDispatcher;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How tracking processors take events. Read-model projections are idempotent and keep per-aggregate order,
 * so they handle events in batches (one transaction per batch instead of per event). The reply dispatcher
 * talks to WhatsApp: a failure late in a batch would roll back, and resend, replies already delivered, so it
 * takes one event at a time, on several threads (one segment each; a conversation's replies stay in one
 * segment and so in order) because most of its time is spent waiting for the Graph API.
 * <p>
 * A handler that fails is not skipped (Axon's default would log the error and drop the event for that read
 * model): the failure propagates, the processor logs it, backs off and retries the batch, and every other
 * processor carries on. A read model that stays stuck on an event is visible in the log and in the processor
 * metrics, and can be rebuilt once fixed.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorConfiguration {

    @Bean
    ConfigurerModule processorBatching(AxonProperties properties, RepliesProperties replies) {
        int batchSize = properties.processors().batchSize();
        int dispatchThreads = replies.dispatchThreads();
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(batchSize))
                .registerTrackingEventProcessorConfiguration(ReplyDispatcher.GROUP, c -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(dispatchThreads).andInitialSegmentsCount(dispatchThreads).andBatchSize(1));
    }
}
