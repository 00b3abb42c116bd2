package com.chatnation.crm.application.platform.executors;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;

/**
 * The service's own threads, all from Spring's task executors: named, shut down in order (work already handed to
 * them finishes, up to a limit, before the beans they use are destroyed) and, for the pools that live as long as
 * the service, measured by Spring Boot's executor metrics ({@code executor.*}, tagged with the bean name).
 * <ul>
 *   <li>{@code commandRetryScheduler}: one thread {@code command-retry-N} re-dispatching commands that lost a write
 *       race ({@link WriteConflictRetryScheduler}); re-dispatches already scheduled still run (up to 10 s);</li>
 *   <li>{@code projectionRebuildExecutor}: a thread {@code projection-rebuild-N} per running rebuild, no queue;
 *       rebuilds are cancelled first ({@code ProjectionRebuilds#stop}), then awaited (up to 60 s);</li>
 *   <li>{@link #singleThread}: a rebuild lane's thread and its background writer, one each per lane and rebuild
 *       (single-threaded, so a lane applies and commits its batches in order);</li>
 *   <li>{@link #fixed}: the inbox workers' threads {@code inbox-worker-N} ({@code InboxWorkers}, which registers
 *       their metrics itself).</li>
 * </ul>
 * Features build their own pools with {@link #fixed} (the reply billing pool, {@code billing.ReplyDispatchConfiguration}).
 * Threads are daemons, as before: a service that cannot finish its work within those limits still exits.
 */
@Configuration(proxyBeanMethods = false)
public class TaskExecutors {

    @Bean
    ThreadPoolTaskScheduler commandRetryScheduler() {
        return new ThreadPoolTaskSchedulerBuilder()
                .poolSize(1)
                .threadNamePrefix("command-retry-")
                .awaitTermination(true)
                .awaitTerminationPeriod(Duration.ofSeconds(10))
                .customizers(scheduler -> scheduler.setDaemon(true))
                .build();
    }

    /** One thread per running rebuild, like a cached thread pool: a rebuild never waits for another to finish. */
    @Bean
    ThreadPoolTaskExecutor projectionRebuildExecutor() {
        return builder("projection-rebuild-", Duration.ofSeconds(60))
                .corePoolSize(0)
                .maxPoolSize(Integer.MAX_VALUE)
                .queueCapacity(0)
                .keepAlive(Duration.ofSeconds(60))
                .build();
    }

    /**
     * A pool of {@code threads} threads named {@code prefix1}, {@code prefix2}, …, with an unbounded queue, that
     * finishes running and queued tasks on shutdown (waiting up to {@code awaitTermination}). Spring initializes
     * it as a bean; anything else calls {@link ThreadPoolTaskExecutor#initialize()} and
     * {@link ThreadPoolTaskExecutor#shutdown()}.
     */
    public static ThreadPoolTaskExecutor fixed(String prefix, int threads, Duration awaitTermination) {
        return builder(prefix, awaitTermination)
                .corePoolSize(threads)
                .maxPoolSize(threads)
                .build();
    }

    /** {@link #fixed} with one thread: tasks run one at a time, in the order they were handed over. */
    public static ThreadPoolTaskExecutor singleThread(String prefix, Duration awaitTermination) {
        return fixed(prefix, 1, awaitTermination);
    }

    private static ThreadPoolTaskExecutorBuilder builder(String prefix, Duration awaitTermination) {
        return new ThreadPoolTaskExecutorBuilder()
                .threadNamePrefix(prefix)
                .awaitTermination(true)
                .awaitTerminationPeriod(awaitTermination)
                .customizers(executor -> executor.setDaemon(true));
    }
}
