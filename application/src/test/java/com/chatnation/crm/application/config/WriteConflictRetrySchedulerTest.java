package com.chatnation.crm.application.config;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WriteConflictRetrySchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final WriteConflictRetryScheduler scheduler = new WriteConflictRetryScheduler(executor, 2, 1);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void retriesAConflictWrappingADriverException() throws InterruptedException {
        CountDownLatch retried = new CountDownLatch(1);
        boolean scheduled = scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new ConcurrencyException("conflict", new RuntimeException(new SQLException("dup", "23505"))),
                failures(1), retried::countDown);
        assertThat(scheduled).isTrue();
        assertThat(retried.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void neverRetriesABusinessRefusal() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new DomainRuleViolation("x", "no"), failures(1), () -> { })).isFalse();
    }

    @Test
    void neverRetriesCreatingAnAggregateThatExists() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new AggregateStreamCreationException("exists"), failures(1), () -> { })).isFalse();
    }

    @Test
    void givesUpAfterTheConfiguredNumberOfRetries() {
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new ConcurrencyException("conflict"), failures(3), () -> { })).isFalse();
    }

    @Test
    void leavesConflictsInsideACallersTransactionToTheCaller() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                    new ConcurrencyException("conflict"), failures(1), () -> { })).isFalse();
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[]{ConcurrencyException.class});
        }
        return failures;
    }
}
