package com.chatnation.crm.application.platform.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Collection;

/** Waits until every tracking processor is at the head of the event store and no new events arrive. */
final class LiveProcessors {

    private LiveProcessors() {
    }

    static void awaitCaughtUp(EventProcessingConfiguration processing, JdbcTemplate jdbc, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long settledAt = -2;
        long head = -1;
        while (System.nanoTime() < deadline) {
            head = jdbc.queryForObject("SELECT COALESCE(MAX(globalindex), -1) FROM domainevententry", Long.class);
            long current = head;
            boolean reached = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .allMatch(processor -> reached(processor, current));
            if (reached && settledAt == head) {
                return; // every processor is at the head, and nothing new arrived meanwhile (replies, debits)
            }
            settledAt = reached ? head : -2;
            Thread.sleep(300);
        }
        throw new AssertionError("live processors did not settle at global index " + head + " within " + timeout);
    }

    private static boolean reached(StreamingEventProcessor processor, long head) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        return processor.isRunning() && !segments.isEmpty() && segments.stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head);
    }
}
