package com.chatnation.crm.application.platform.transactions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Re-dispatches a command that lost an optimistic-lock race as {@link RetryPolicies#COMMAND_CONFLICT} says: another
 * instance appended to the same aggregate first, so reloading it and deciding again is safe; everything else
 * (business rule refusals above all) is final.
 * <p>
 * A thin adapter rather than a {@code RetryTemplate}, because Axon's gateway re-dispatches the command itself, in a
 * unit of work of its own, and only asks its {@link RetryScheduler} whether and when.
 */
final class WriteConflictRetryScheduler implements RetryScheduler {

    private final TaskScheduler scheduler;
    private final RetryPolicy policy;
    private final ExponentialBackOffPolicy backOff;
    private final Counter scheduled;
    private final Counter exhausted;

    public WriteConflictRetryScheduler(TaskScheduler scheduler, RetryPolicy policy, ExponentialBackOffPolicy backOff,
                                       MeterRegistry meters) {
        this.scheduler = scheduler;
        this.policy = policy;
        this.backOff = backOff;
        this.scheduled = meters.counter("crm.commands.conflict_retries", "outcome", "scheduled");
        this.exhausted = meters.counter("crm.commands.conflict_retries", "outcome", "exhausted");
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (TransactionSynchronizationManager.isActualTransactionActive() || CurrentUnitOfWork.isStarted()) {
            // The command joined a caller's transaction, which PostgreSQL has already aborted; a retry here would
            // run outside it and commit on its own. The caller retries its whole transaction instead.
            return false;
        }
        // Axon hands over only the classes of the earlier failures; the policy needs their number and the last one.
        RetryContext context = policy.open(null);
        for (int i = 0; i < failures.size(); i++) {
            policy.registerThrowable(context, lastFailure);
        }
        if (!policy.canRetry(context)) {
            if (RetryPolicies.isWriteConflict(lastFailure)) {
                exhausted.increment();
            }
            return false;
        }
        scheduler.schedule(dispatchTask, Instant.now().plus(waitAfter(failures.size())));
        scheduled.increment();
        return true;
    }

    /** The back-off policy's wait after the given number of failures, scheduled rather than slept. */
    private Duration waitAfter(int failures) {
        AtomicLong wait = new AtomicLong();
        ExponentialBackOffPolicy measured = backOff.withSleeper(wait::set);
        BackOffContext context = measured.start(null);
        for (int i = 0; i < failures; i++) {
            measured.backOff(context);
        }
        return Duration.ofMillis(wait.get());
    }
}
