package com.chatnation.crm.application.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the messages one Axon component (a bus or an event processor) takes in and how they end, and for an
 * event processor how far behind it is: {@code <component>.latency}, milliseconds between an event being
 * stored and the processor taking it in. The meters are registered once, when the component is built; Axon's own
 * monitors look every meter up again for every message, which under load cost a fifth of the service's CPU.
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    private final Counter ingested;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter ignored;
    private final AtomicLong latencyMillis;
    private final Clock clock;
    private final MonitorCallback outcome;

    public MessageMeters(MeterRegistry registry, String component, boolean trackLatency, Clock clock) {
        this.ingested = registry.counter(component + ".ingestedCounter");
        this.succeeded = registry.counter(component + ".successCounter");
        this.failed = registry.counter(component + ".failureCounter");
        this.ignored = registry.counter(component + ".ignoredCounter");
        this.clock = clock;
        if (trackLatency) {
            latencyMillis = new AtomicLong();
            Gauge.builder(component + ".latency", latencyMillis, AtomicLong::get).baseUnit("milliseconds")
                    .description("time between an event being stored and this processor taking it in")
                    .register(registry);
        } else {
            latencyMillis = null;
        }
        this.outcome = new MonitorCallback() {
            @Override
            public void reportSuccess() {
                succeeded.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                failed.increment();
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
            }
        };
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        ingested.increment();
        if (latencyMillis != null && message instanceof EventMessage<?> event) {
            latencyMillis.set(Math.max(0, clock.millis() - event.getTimestamp().toEpochMilli()));
        }
        return outcome;
    }
}
