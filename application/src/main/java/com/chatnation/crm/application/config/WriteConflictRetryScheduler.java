package com.chatnation.crm.application.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Re-dispatches a command that lost an optimistic-lock race: another instance appended to the same aggregate
 * first, so reloading it and deciding again is safe. Everything else (business rule refusals above all) is
 * final. Axon's interval schedulers treat every exception as transient unless told otherwise, and judge each
 * cause separately, which would retry refusals and give up on conflicts wrapping a driver exception.
 */
public final class WriteConflictRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final long baseDelayMillis;

    public WriteConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, long baseDelayMillis) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.baseDelayMillis = baseDelayMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!isWriteConflict(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive() || CurrentUnitOfWork.isStarted()) {
            // The command joined a caller's transaction, which PostgreSQL has already aborted; a retry here would
            // run outside it and commit on its own. The caller retries its whole transaction instead.
            return false;
        }
        // Jitter keeps two instances that collided once from colliding again in lockstep.
        long delay = baseDelayMillis * failures.size() + ThreadLocalRandom.current().nextLong(baseDelayMillis + 1);
        executor.schedule(dispatchTask, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    /** Creating an aggregate that already exists is also reported as a conflict, but retrying it cannot succeed. */
    static boolean isWriteConflict(Throwable failure) {
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
}
