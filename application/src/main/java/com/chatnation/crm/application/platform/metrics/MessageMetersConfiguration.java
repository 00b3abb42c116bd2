package com.chatnation.crm.application.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Message metrics for the command bus, the event store and every event processor (Axon's metrics
 * auto-configuration is switched off in {@code application.yml} in favour of {@link MessageMeters}).
 */
@Configuration(proxyBeanMethods = false)
class MessageMetersConfiguration {

    @Bean
    ConfigurerModule messageMeters(MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        return configurer -> configurer
                .configureMessageMonitor(CommandBus.class,
                        (configuration, type, name) -> new MessageMeters(registry, name, false, clock))
                .configureMessageMonitor(EventBus.class,
                        (configuration, type, name) -> new MessageMeters(registry, name, false, clock))
                .configureMessageMonitor(EventProcessor.class,
                        (configuration, type, name) -> new MessageMeters(registry, name, true, clock));
    }
}
