package com.chatnation.crm.application.wallet;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.RunningService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The wallet over real HTTP and real PostgreSQL, across a restart and across two concurrent instances. */
class WalletPersistenceIntegrationTest {

    @Test
    void balanceIsRebuiltFromStoredEventsAfterARestart() {
        String org;
        try (RunningService service = RunningService.start()) {
            AdminClient admin = service.admin();
            org = admin.onboardOrganization(10);
            assertThat(admin.post(wallet(org) + "/purchases", Map.of("paymentReference", "pay-1", "amount", 500)).status())
                    .isEqualTo(200);
            assertThat(admin.post(wallet(org) + "/debits",
                    Map.of("module", "surveys", "action", "reply", "referenceId", "m-1", "amount", 120)).status())
                    .isEqualTo(200);
            assertThat(admin.post(wallet(org) + "/reservations",
                    Map.of("reservationId", "bc-1", "amount", 80, "purpose", "broadcast")).status()).isEqualTo(200);
        }
        try (RunningService restarted = RunningService.start()) {
            AdminClient.Response balance = restarted.admin().get(wallet(org));
            assertThat(balance.status()).isEqualTo(200);
            assertThat(balance.body().path("balance").asLong()).isEqualTo(380);
            assertThat(balance.body().path("reserved").asLong()).isEqualTo(80);
            assertThat(balance.body().path("available").asLong()).isEqualTo(300);
            // the payment reference survived the restart too: crediting it again changes nothing
            assertThat(restarted.admin().post(wallet(org) + "/purchases",
                    Map.of("paymentReference", "pay-1", "amount", 500)).body().path("balance").asLong()).isEqualTo(380);
        }
    }

    @Test
    void concurrentDebitsThroughTwoInstancesNeverOverdrawAndNoneIsLost() throws Exception {
        try (RunningService first = RunningService.start(); RunningService second = RunningService.start()) {
            String org = first.admin().onboardOrganization(0);
            first.admin().post(wallet(org) + "/purchases", Map.of("paymentReference", "pay-1", "amount", 100));

            int attempts = 160; // each costs 1 token: 100 must succeed, 60 must be declined
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                AdminClient admin = (i % 2 == 0 ? first : second).admin();
                String reference = "m-" + i;
                statuses.add(threads.submit((Callable<Integer>) () -> admin.post(wallet(org) + "/debits",
                        Map.of("module", "surveys", "action", "reply", "referenceId", reference, "amount", 1)).status()));
            }
            int paid = 0;
            int declined = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                if (code == 200) {
                    paid++;
                } else if (code == 402) {
                    declined++;
                } else {
                    throw new AssertionError("unexpected status " + code);
                }
            }
            threads.shutdown();

            assertThat(paid).isEqualTo(100);
            assertThat(declined).isEqualTo(60);
            AdminClient.Response balance = second.admin().get(wallet(org));
            assertThat(balance.body().path("balance").asLong()).isZero();
            // Prometheus metrics (test contexts started by @SpringBootTest switch exporters off; this one does not)
            java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + second.port()
                            + "/actuator/prometheus")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("hikaricp_connections").contains("commandBus_ingestedCounter_total")
                    .contains("crm_messages_latency_milliseconds");
        }
    }

    private static String wallet(String org) {
        return "/admin/organizations/" + org + "/wallet";
    }
}
