package com.chatnation.crm.application.contacts;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContactsConfiguration {

    /** Answers given before saving them as attributes existed are not copied: the processor starts at the end. */
    @Bean
    ConfigurerModule surveyAnswerAttributesFromTheEnd() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                SurveyAnswerAttributes.GROUP, c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
