package com.chatnation.crm.application.config;

import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs several commands as one transaction and, when another instance wrote to one of the same aggregates
 * first, runs the whole transaction again on fresh state.
 * <p>
 * The work runs inside one root unit of work with the transaction attached, so every command is a nested
 * unit of work: the aggregates they load stay locked until the transaction has committed. With one unit of
 * work per command, a lock would be released while its events were still uncommitted, and a second thread
 * could load the stale aggregate, block on the event table's unique key and deadlock with the first.
 */
@Component
public class TransactionalRetry {

    private static final int ATTEMPTS = 10;

    private final TransactionManager transactionManager;

    public TransactionalRetry(TransactionManager transactionManager) {
        this.transactionManager = transactionManager;
    }

    public <T> T inTransaction(Supplier<T> work) {
        if (CurrentUnitOfWork.isStarted()) {
            // Already part of a caller's unit of work and transaction: it commits, and retries, as a whole.
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (RuntimeException failure) {
                if (attempt >= ATTEMPTS || !retryable(failure)) {
                    throw failure;
                }
                pause(attempt);
            }
        }
    }

    public void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    private <T> T once(Supplier<T> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<T> result = unitOfWork.executeWithResult(work::get);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    /** A write conflict with another instance, or a lock-order deadlock between two local units of work. */
    private static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeadlockException) {
                return true;
            }
        }
        return WriteConflictRetryScheduler.isWriteConflict(failure);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(5L * attempt + ThreadLocalRandom.current().nextLong(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a transaction", e);
        }
    }
}
