package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.platform.executors.TaskExecutors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Lets a rebuild on one instance take the live processors of its groups away from every instance, for the moment of
 * its swap. Each instance holds the token claims of the segments it processes; the swap must hold them all, so
 * before it, the rebuilding instance records a pause of the groups ({@code processor_pauses}, with a lease) and
 * every other instance, watching that table, shuts its processors of those groups down, which gives their claims
 * up. When the rebuild is over it removes the pause and the other instances start the processors again, on the new
 * tables from the token the swap set. A rebuilding instance that dies mid-way leaves a pause that expires with its
 * lease, and the processors come back by themselves.
 */
@Component
class ProcessorPauses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorPauses.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration poll;
    private final String instance = UUID.randomUUID().toString();
    /** The groups whose processors this instance stopped for another's pause, to start again when it ends. */
    private final Set<String> heldForOthers = new HashSet<>();
    private ThreadPoolTaskExecutor watcher;
    private volatile boolean running;

    ProcessorPauses(JdbcTemplate jdbc, EventProcessingConfiguration processing, ReplayProperties properties) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.poll = properties.pausePoll();
    }

    /** Asks every other instance to stop its processors of these groups until {@link #resume} or the lease ends. */
    void pause(Collection<String> groups, Duration lease) {
        Timestamp until = Timestamp.from(Instant.now().plus(lease));
        for (String group : groups) {
            jdbc.update("""
                    INSERT INTO processor_pauses (processing_group, paused_by, paused_until) VALUES (?, ?, ?)
                    ON CONFLICT (processing_group) DO UPDATE SET paused_by = excluded.paused_by,
                        paused_until = excluded.paused_until""", group, instance, until);
        }
    }

    /** Ends this instance's pauses of these groups. */
    void resume(Collection<String> groups) {
        for (String group : groups) {
            jdbc.update("DELETE FROM processor_pauses WHERE processing_group = ? AND paused_by = ?", group, instance);
        }
    }

    /** Stops this instance's processors of groups another instance paused, and starts those whose pause ended. */
    synchronized void follow() {
        Set<String> pausedElsewhere = new HashSet<>(jdbc.queryForList("""
                SELECT processing_group FROM processor_pauses WHERE paused_by <> ? AND paused_until > now()""",
                String.class, instance));
        for (String group : pausedElsewhere) {
            processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                    .filter(StreamingEventProcessor::isRunning)
                    .ifPresent(processor -> {
                        log.info("Another instance is swapping the tables of {}: its processor stops here meanwhile",
                                group);
                        heldForOthers.add(group);
                        processor.shutDown();
                    });
        }
        for (String group : List.copyOf(heldForOthers)) {
            if (!pausedElsewhere.contains(group)) {
                heldForOthers.remove(group);
                processing.eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                        .ifPresent(processor -> {
                            log.info("The pause of {} is over: its processor starts again here", group);
                            processor.start();
                        });
            }
        }
    }

    @Override
    public synchronized void start() {
        watcher = TaskExecutors.singleThread("processor-pauses-", Duration.ofSeconds(10));
        watcher.initialize();
        running = true;
        watcher.execute(this::watch);
    }

    private void watch() {
        while (running) {
            try {
                follow();
            } catch (RuntimeException e) {
                // the next look may succeed (the database was away); watching must not end
                log.warn("could not read the processors' pauses", e);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (watcher != null) {
            watcher.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
