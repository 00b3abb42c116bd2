package com.chatnation.crm.application.platform.transactions;

import com.chatnation.crm.application.platform.axon.AxonProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.RetryListener;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.backoff.ExponentialRandomBackOffPolicy;
import org.springframework.retry.policy.CompositeRetryPolicy;
import org.springframework.retry.policy.MaxAttemptsRetryPolicy;
import org.springframework.retry.policy.PredicateRetryPolicy;
import org.springframework.retry.support.MetricsRetryListener;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.List;

/**
 * Every retry policy of the service, one per kind of failure, defined here with Spring Retry. Each has a name; the
 * ones run by a {@link RetryTemplate} time every call in Spring Retry's Micrometer timer {@code spring.retry}
 * (Prometheus {@code spring_retry_seconds}), tagged {@code name}, {@code retry.count} and the {@code exception}
 * that ended it ({@code none} when it succeeded).
 * <ul>
 *   <li>{@value #TRANSACTION_CONFLICT}: a whole transaction ({@link TransactionalRetry}) that lost a write race to
 *       another instance or deadlocked with a local one, run again on fresh state: up to
 *       {@code crm.commands.transaction-attempts} (10) attempts, waiting 5 ms growing by half each time (up to half
 *       again at random) to at most 100 ms;</li>
 *   <li>{@value #COMMAND_CONFLICT}: a command sent on its own through the gateway that lost a write race,
 *       re-dispatched by Axon ({@link WriteConflictRetryScheduler}): up to {@code crm.commands.conflict-retries} (20)
 *       times, waiting 10 ms growing the same way to at most 200 ms; counted in {@code crm.commands.conflict_retries};</li>
 *   <li>the Cloud API's requests: {@code platform.whatsapp.CloudApiRetryPolicy}, next to the client it serves;</li>
 *   <li>{@value #INBOX_ITEM}: an inbox item whose transaction failed; its attempts are counted in the inbox table, so
 *       they outlive a worker's pass and an instance, and the policy is a schedule ({@link BackOff}, as spring-kafka's
 *       error handler takes) evaluated against that count: {@code crm.inbox.retry-backoff} (1 s) doubling (to at most
 *       1024 times that) until {@code crm.inbox.max-attempts} (5), then the item is set aside.</li>
 * </ul>
 * Write conflicts are retried only where a fresh attempt can succeed: creating an aggregate that already exists is
 * also reported as a conflict but never retried, and neither is anything else (business refusals above all).
 */
@Configuration(proxyBeanMethods = false)
public class RetryPolicies {

    public static final String TRANSACTION_CONFLICT = "transaction-conflict";
    public static final String COMMAND_CONFLICT = "command-conflict";
    public static final String INBOX_ITEM = "inbox-item";

    static final int DEFAULT_TRANSACTION_ATTEMPTS = 10;
    private static final Duration TRANSACTION_BACKOFF = Duration.ofMillis(5);
    private static final Duration TRANSACTION_MAX_BACKOFF = Duration.ofMillis(100);
    private static final Duration COMMAND_BACKOFF = Duration.ofMillis(10);
    private static final Duration COMMAND_MAX_BACKOFF = Duration.ofMillis(200);
    /** Each wait grows by half, and by up to half again at random, so instances that collided do not collide again in lockstep. */
    private static final double CONFLICT_MULTIPLIER = 1.5;

    @Bean
    RetryTemplate transactionConflictRetry(AxonProperties properties, MeterRegistry meters) {
        return transactionConflicts(properties.commands().transactionAttempts(), metrics(meters, TRANSACTION_CONFLICT));
    }

    @Bean
    RetryScheduler conflictRetryScheduler(@Qualifier("commandRetryScheduler") TaskScheduler commandRetryScheduler,
                                          AxonProperties properties, MeterRegistry meters) {
        return new WriteConflictRetryScheduler(commandRetryScheduler,
                commandConflicts(properties.commands().conflictRetries()),
                conflictBackOff(COMMAND_BACKOFF, COMMAND_MAX_BACKOFF), meters);
    }


    /** {@value #TRANSACTION_CONFLICT}. */
    public static RetryTemplate transactionConflicts(int attempts, RetryListener... listeners) {
        return RetryTemplate.builder()
                .maxAttempts(attempts)
                .retryOn(RetryPolicies::isConflictOrDeadlock)
                .customBackoff(conflictBackOff(TRANSACTION_BACKOFF, TRANSACTION_MAX_BACKOFF))
                .withListeners(List.of(listeners))
                .build();
    }

    /** {@value #COMMAND_CONFLICT}: whether to re-dispatch; Axon's gateway does the rest. */
    public static RetryPolicy commandConflicts(int retries) {
        CompositeRetryPolicy policy = new CompositeRetryPolicy();
        policy.setPolicies(new RetryPolicy[]{new MaxAttemptsRetryPolicy(retries + 1),
                new PredicateRetryPolicy(RetryPolicies::isWriteConflict)});
        return policy;
    }

    /** The waits between attempts after a write conflict. */
    public static ExponentialBackOffPolicy conflictBackOff(Duration initial, Duration max) {
        ExponentialRandomBackOffPolicy backOff = new ExponentialRandomBackOffPolicy();
        backOff.setInitialInterval(initial.toMillis());
        backOff.setMultiplier(CONFLICT_MULTIPLIER);
        backOff.setMaxInterval(max.toMillis());
        return backOff;
    }


    /** {@value #INBOX_ITEM}: the wait before each retry; {@code STOP} once the item is to be set aside. */
    public static BackOff inboxItem(int maxAttempts, Duration retryBackoff) {
        ExponentialBackOff backOff = new ExponentialBackOff(retryBackoff.toMillis(), 2);
        backOff.setMaxInterval(retryBackoff.toMillis() << 10);
        backOff.setMaxAttempts(maxAttempts - 1);
        return backOff;
    }

    /** Spring Retry's timer for a policy, named after it (rather than after the code that runs it). */
    public static MetricsRetryListener metrics(MeterRegistry meters, String policy) {
        MetricsRetryListener listener = new MetricsRetryListener(meters);
        listener.setCustomTags(Tags.of("name", policy));
        return listener;
    }

    /** Another instance appended to the same aggregate first: reloading it and deciding again is safe. */
    public static boolean isWriteConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return false;
            }
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    /** A write conflict with another instance, or a lock-order deadlock between two local units of work. */
    public static boolean isConflictOrDeadlock(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeadlockException) {
                return true;
            }
        }
        return isWriteConflict(failure);
    }
}
