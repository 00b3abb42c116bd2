package com.chatnation.crm.application.platform.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class MessageMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:05Z"), ZoneOffset.UTC);

    @Test
    void countsEveryOutcomeOnMetersRegisteredOnce() {
        MessageMeters meters = new MessageMeters(registry, "commandBus", false, clock);

        meters.onMessageIngested(new GenericMessage<>("a")).reportSuccess();
        meters.onMessageIngested(new GenericMessage<>("b")).reportFailure(new IllegalStateException());
        meters.onMessageIngested(new GenericMessage<>("c")).reportIgnored();

        assertThat(registry.counter("commandBus.ingestedCounter").count()).isEqualTo(3);
        assertThat(registry.counter("commandBus.successCounter").count()).isEqualTo(1);
        assertThat(registry.counter("commandBus.failureCounter").count()).isEqualTo(1);
        assertThat(registry.counter("commandBus.ignoredCounter").count()).isEqualTo(1);
        assertThat(registry.find("commandBus.latency").gauge()).isNull();
    }

    @Test
    void aProcessorReportsHowFarBehindTheLastEventItTookInIs() {
        MessageMeters meters = new MessageMeters(registry, "crm-messages", true, clock);

        meters.onMessageIngested(new GenericEventMessage<>(new GenericMessage<>("stored earlier", MetaData.emptyInstance()),
                () -> Instant.parse("2026-03-01T10:00:02Z"))).reportSuccess();

        assertThat(registry.get("crm-messages.latency").gauge().value()).isEqualTo(3000.0);
    }
}
