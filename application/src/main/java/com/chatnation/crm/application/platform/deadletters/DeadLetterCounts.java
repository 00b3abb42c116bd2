package com.chatnation.crm.application.platform.deadletters;

import com.chatnation.crm.projections.ReadTables;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How many dead letters each projection has, as the gauge {@code crm_dead_letters{group}} and in the health
 * details (component {@code deadLetters}). Health stays UP whatever the count: a parked event makes one read model
 * incomplete, not the service unable to serve, and DOWN would have an orchestrator restart instances, which fixes
 * nothing; the count is for alerts and for the operator. One query serves every group's gauge, at most every few
 * seconds, however often they are scraped.
 */
@Component("deadLettersHealthIndicator")
class DeadLetterCounts implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterCounts.class);
    private static final Duration FRESH = Duration.ofSeconds(5);

    private final DeadLetters deadLetters;
    private final Clock clock;
    private volatile Map<String, Long> counts = Map.of();
    private volatile Instant readAt = Instant.EPOCH;

    DeadLetterCounts(DeadLetters deadLetters, MeterRegistry meters) {
        this.deadLetters = deadLetters;
        this.clock = Clock.systemUTC();
        for (String group : ReadTables.BY_GROUP.keySet()) {
            Gauge.builder("crm.dead.letters", this, counts -> counts.current().getOrDefault(group, 0L))
                    .description("Events parked in a projection's dead-letter queue")
                    .tag("group", group)
                    .register(meters);
        }
    }

    @Override
    public Health health() {
        Map<String, Long> current = current();
        return Health.up()
                .withDetail("total", current.values().stream().mapToLong(Long::longValue).sum())
                .withDetail("groups", current)
                .build();
    }

    private Map<String, Long> current() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(FRESH) >= 0) {
            synchronized (this) {
                if (Duration.between(readAt, now).compareTo(FRESH) >= 0) {
                    try {
                        counts = deadLetters.counts();
                        readAt = now;
                    } catch (RuntimeException e) {
                        log.debug("Dead letters could not be counted", e);
                    }
                }
            }
        }
        return counts;
    }
}
