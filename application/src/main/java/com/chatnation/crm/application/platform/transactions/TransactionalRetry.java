package com.chatnation.crm.application.platform.transactions;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Runs several commands as one transaction and, when another instance wrote to one of the same aggregates
 * first, runs the whole transaction again on fresh state ({@link RetryPolicies#TRANSACTION_CONFLICT}).
 * <p>
 * The work runs inside one root unit of work with the transaction attached, so every command is a nested
 * unit of work: the aggregates they load stay locked until the transaction has committed. With one unit of
 * work per command, a lock would be released while its events were still uncommitted, and a second thread
 * could load the stale aggregate, block on the event table's unique key and deadlock with the first.
 */
@Component
public class TransactionalRetry {

    private final TransactionManager transactionManager;
    private final RetryTemplate retry;

    /** With the default policy and no metrics. */
    public TransactionalRetry(TransactionManager transactionManager) {
        this(transactionManager, RetryPolicies.transactionConflicts(RetryPolicies.DEFAULT_TRANSACTION_ATTEMPTS));
    }

    @Autowired
    public TransactionalRetry(TransactionManager transactionManager,
                              @Qualifier("transactionConflictRetry") RetryTemplate retry) {
        this.transactionManager = transactionManager;
        this.retry = retry;
    }

    public <T> T inTransaction(Supplier<T> work) {
        if (CurrentUnitOfWork.isStarted()) {
            // Already part of a caller's unit of work and transaction: it commits, and retries, as a whole.
            return work.get();
        }
        return retry.execute(attempt -> once(work));
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
}
