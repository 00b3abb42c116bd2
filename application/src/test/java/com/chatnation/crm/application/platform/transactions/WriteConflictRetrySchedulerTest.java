package com.chatnation.crm.application.platform.transactions;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WriteConflictRetrySchedulerTest {

    private final ThreadPoolTaskScheduler executor = new ThreadPoolTaskScheduler();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final WriteConflictRetryScheduler scheduler = new WriteConflictRetryScheduler(executor,
            RetryPolicies.commandConflicts(2), RetryPolicies.conflictBackOff(Duration.ofMillis(1), Duration.ofMillis(5)),
            meters);

    @BeforeEach
    void start() {
        executor.initialize();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    @Test
    void retriesAConflictWrappingADriverException() throws InterruptedException {
        CountDownLatch retried = new CountDownLatch(1);
        boolean scheduled = scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new ConcurrencyException("conflict", new RuntimeException(new SQLException("dup", "23505"))),
                failures(1), retried::countDown);
        assertThat(scheduled).isTrue();
        assertThat(retried.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(meters.counter("crm.commands.conflict_retries", "outcome", "scheduled").count()).isEqualTo(1);
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
                new ConcurrencyException("conflict"), failures(2), () -> { })).isTrue();
        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("cmd"),
                new ConcurrencyException("conflict"), failures(3), () -> { })).isFalse();
        assertThat(meters.counter("crm.commands.conflict_retries", "outcome", "exhausted").count()).isEqualTo(1);
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
