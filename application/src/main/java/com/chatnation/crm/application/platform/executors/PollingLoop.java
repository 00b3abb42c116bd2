package com.chatnation.crm.application.platform.executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * Work found by looking for it: a thread of its own ({@code <name>-1}) runs {@link #pass()} every {@code interval}
 * after the last pass ended, from the application's start until its stop. A pass that fails is logged and the next one
 * tries again: what it works on (a list in the database) is still there.
 */
public abstract class PollingLoop implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration interval;
    private final ThreadPoolTaskScheduler timer = new ThreadPoolTaskScheduler();
    private volatile ScheduledFuture<?> polling;

    protected PollingLoop(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
        timer.setThreadNamePrefix(name + "-");
        timer.setDaemon(true);
    }

    /** One look for work, and the work found. */
    protected abstract void pass();

    @Override
    public void start() {
        timer.initialize();
        polling = timer.scheduleWithFixedDelay(() -> {
            try {
                pass();
            } catch (RuntimeException e) {
                log.warn("{}: a pass failed; the next one tries again", name, e);
            }
        }, interval);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = polling;
        if (running != null) {
            running.cancel(false);
        }
        timer.shutdown();
        polling = null;
    }

    @Override
    public boolean isRunning() {
        return polling != null;
    }
}
