package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.platform.axon.AxonProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broadcast feedback processor starts at the head of the event stream: it follows sends made from now on,
 * and has nothing to do for the history before broadcasts existed. It takes events in batches like the
 * projections (one transaction per batch, its refunds and replies committed with its position): it reads every
 * event of every conversation, and one transaction per event cost the message path a third of its throughput.
 */
@Configuration(proxyBeanMethods = false)
class BroadcastsConfiguration {

    @Bean
    ConfigurerModule broadcastFeedbackProcessor(AxonProperties axon) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                BroadcastFeedback.GROUP, c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(axon.processors().batchSize())
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
