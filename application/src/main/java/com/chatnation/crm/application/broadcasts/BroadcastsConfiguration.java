package com.chatnation.crm.application.broadcasts;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broadcast feedback processor starts at the head of the event stream: it follows sends made from now on,
 * and has nothing to do for the history before broadcasts existed.
 */
@Configuration(proxyBeanMethods = false)
class BroadcastsConfiguration {

    @Bean
    ConfigurerModule broadcastFeedbackProcessor() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                BroadcastFeedback.GROUP, c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
