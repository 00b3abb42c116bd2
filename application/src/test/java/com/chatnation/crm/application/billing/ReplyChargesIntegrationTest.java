package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import com.chatnation.crm.domain.wallet.DebitTokens;
import com.chatnation.crm.domain.wallet.WalletId;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies of one organization charged from many dispatcher threads at once go to the wallet together, and the
 * wallet still decides each: no overdraft, a reference charged once, every charge answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReplyChargesIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ReplyCharges charges;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentChargesOfOneWalletTravelTogetherAndNeverOverdraw() throws Exception {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        String org = platform.onboard(Map.of("name", "Charges " + UUID.randomUUID(), "lowBalanceThreshold", 0,
                "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "prices", List.of(Map.of("module", "surveys", "action", "reply", "tokens", 1)))).organizationId();
        assertThat(platform.post("/admin/organizations/" + org + "/wallet/purchases",
                Map.of("paymentReference", "pay-1", "amount", 150)).status()).isEqualTo(200);
        String wallet = WalletId.forOrganization(org);
        long batchesBefore = together().count();

        // 240 replies, each charged twice (a retried reply), from 32 threads released at once: 150 tokens pay 150
        int replies = 240;
        ExecutorService threads = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DebitOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < replies * 2; i++) {
            String reference = "reply-" + (i % replies);
            outcomes.add(threads.submit(() -> {
                start.await();
                return charges.charge(new DebitTokens(wallet, "surveys", "reply", reference, 1));
            }));
        }
        start.countDown();
        int debited = 0;
        int already = 0;
        int declined = 0;
        for (Future<DebitOutcome> outcome : outcomes) {
            switch (outcome.get().status()) {
                case DEBITED -> debited++;
                case ALREADY_DEBITED -> already++;
                case DECLINED -> declined++;
            }
        }
        threads.shutdown();

        assertThat(debited).isEqualTo(150);
        assertThat(already).as("the second charge of a paid reply").isEqualTo(150);
        assertThat(declined).as("both charges of each of the 90 replies nobody paid for").isEqualTo(180);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype LIKE '%.TokenDebited'""", Long.class, wallet))
                .isEqualTo(150);
        DistributionSummary together = together();
        assertThat(together.count() - batchesBefore).as("commands for 480 charges").isLessThan(replies * 2);
        assertThat(together.max()).as("charges in the largest command").isGreaterThan(1);
    }

    private DistributionSummary together() {
        return meters.get("crm.replies.charges.together").summary();
    }
}
