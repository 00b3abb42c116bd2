package com.chatnation.crm.application.eventstore;

import com.chatnation.crm.application.organizations.OnboardingRequest;
import com.chatnation.crm.application.organizations.OnboardingService;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.EventProbe;
import com.chatnation.crm.domain.wallet.PurchaseTokens;
import com.chatnation.crm.domain.wallet.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Global event indexes are handed out when a row is inserted, but become visible when its transaction commits,
 * so a tracking processor routinely sees index n+1 before n. This checks that such gaps are waited out (late
 * commits still arrive) and that a gap left by a rolled-back transaction does not stall anything.
 */
@SpringBootTest
// Its own context shares the test database with the cached default one; closing it afterwards keeps a second
// set of live processors from running into the tables other classes' rebuilds swap.
@DirtiesContext
class GlobalIndexGapTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    OnboardingService onboarding;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void everyCommittedEventReachesTrackingProcessorsWhateverTheCommitOrder() throws Exception {
        String walletA = wallet();
        String walletB = wallet();
        String walletC = wallet();
        String slow = "slow-" + UUID.randomUUID();
        String rolledBack = "rolled-back-" + UUID.randomUUID();
        List<String> fast = new ArrayList<>();

        ExecutorService threads = Executors.newFixedThreadPool(12);
        CountDownLatch slowInserted = new CountDownLatch(1);
        Future<?> slowCommit = threads.submit(() -> transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new PurchaseTokens(walletA, slow, 1));
            slowInserted.countDown();
            sleep(Duration.ofMillis(1500)); // holds its global index uncommitted while later ones commit
        }));
        assertThat(slowInserted.await(10, TimeUnit.SECONDS)).isTrue();
        threads.submit(() -> transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new PurchaseTokens(walletC, rolledBack, 1));
            status.setRollbackOnly(); // leaves a permanent hole in the global index
        })).get();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE payload->>'paymentReference' = ?",
                Integer.class, rolledBack)).as("the rolled-back purchase was not stored").isZero();

        List<Future<?>> concurrent = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String reference = "fast-" + i + "-" + UUID.randomUUID();
            fast.add(reference);
            String target = i % 2 == 0 ? walletA : walletB;
            concurrent.add(threads.submit(() -> commands.sendAndWait(new PurchaseTokens(target, reference, 1))));
        }
        for (Future<?> f : concurrent) {
            f.get(30, TimeUnit.SECONDS);
        }
        slowCommit.get(30, TimeUnit.SECONDS);
        threads.shutdown();

        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)
                && !(EventProbe.sawPayment(slow) && fast.stream().allMatch(EventProbe::sawPayment))) {
            sleep(Duration.ofMillis(100));
        }
        assertThat(EventProbe.sawPayment(slow)).as("the event committed last but indexed first").isTrue();
        assertThat(fast).allMatch(EventProbe::sawPayment);
        assertThat(EventProbe.sawPayment(rolledBack)).isFalse();
    }

    private String wallet() {
        return WalletId.forOrganization(onboarding.onboard(new OnboardingRequest("Gap " + UUID.randomUUID(),
                AdminClient.randomPhoneNumberId(), List.of(), 0,
                new OnboardingRequest.Owner("gap-" + UUID.randomUUID() + "@example.com", null, "Owner")))
                .organizationId());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
