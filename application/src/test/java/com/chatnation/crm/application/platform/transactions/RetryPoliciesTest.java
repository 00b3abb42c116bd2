package com.chatnation.crm.application.platform.transactions;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPoliciesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TransactionalRetry transaction = new TransactionalRetry(NoTransactionManager.INSTANCE,
            RetryPolicies.transactionConflicts(4, RetryPolicies.metrics(meters, RetryPolicies.TRANSACTION_CONFLICT)));

    @Test
    void aTransactionThatLostAWriteRaceOrDeadlockedRunsAgain() {
        AtomicInteger attempts = new AtomicInteger();

        String result = transaction.inTransaction(() -> switch (attempts.incrementAndGet()) {
            case 1 -> throw new ConcurrencyException("another instance appended first");
            case 2 -> throw new IllegalStateException(new DeadlockException("lock order"));
            default -> "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        Timer timer = meters.get("spring.retry").tag("name", RetryPolicies.TRANSACTION_CONFLICT).timer();
        assertThat(timer.getId().getTag("retry.count")).isEqualTo("2");
        assertThat(timer.getId().getTag("exception")).isEqualTo("none");
    }

    @Test
    void aTransactionGivesUpAfterItsAttemptsWithTheLastFailure() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> transaction.inTransaction(() -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("conflict " + attempts.get());
        })).isInstanceOf(ConcurrencyException.class).hasMessage("conflict 4");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void anythingElseEndsTheTransactionAtOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> transaction.inTransaction(() -> {
            attempts.incrementAndGet();
            throw new AggregateStreamCreationException("exists");
        })).isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> transaction.inTransaction(() -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("refused");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void anInboxItemWaitsTwiceAsLongEachTimeAndIsSetAsideAtItsLastAttempt() {
        assertThat(inboxWaits(5, Duration.ofSeconds(1))).containsExactly(1_000L, 2_000L, 4_000L, 8_000L,
                BackOffExecution.STOP);
        assertThat(inboxWaits(1, Duration.ofSeconds(1))).containsExactly(BackOffExecution.STOP);
        List<Long> waits = inboxWaits(14, Duration.ofMillis(10));
        assertThat(waits.subList(9, 13)).containsExactly(5_120L, 10_240L, 10_240L, 10_240L);
        assertThat(waits.get(13)).isEqualTo(BackOffExecution.STOP);
    }

    private static List<Long> inboxWaits(int maxAttempts, Duration backoff) {
        BackOffExecution schedule = RetryPolicies.inboxItem(maxAttempts, backoff).start();
        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            waits.add(schedule.nextBackOff());
        }
        return waits;
    }
}
