package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.security.PlatformKey;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.RunningService;
import com.chatnation.crm.application.support.TestDatabaseEnvironmentPostProcessor;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallet over real HTTP and real PostgreSQL, across a restart and across two concurrent instances. The platform
 * credits the wallet; the organization's owner spends and reserves its tokens.
 */
class WalletPersistenceIntegrationTest {

    @Test
    void balanceIsRebuiltFromStoredEventsAfterARestart() {
        String org;
        try (RunningService service = RunningService.start()) {
            AdminClient platform = service.admin();
            AdminClient.Onboarded onboarded = platform.onboard(organization(10));
            org = onboarded.organizationId();
            AdminClient owner = onboarded.owner();
            assertThat(platform.post(platformWallet(org) + "/purchases",
                    Map.of("paymentReference", "pay-1", "amount", 500)).status()).isEqualTo(200);
            assertThat(owner.post(onboarded.path("/wallet/debits"),
                    Map.of("module", "surveys", "action", "reply", "referenceId", "m-1", "amount", 120)).status())
                    .isEqualTo(200);
            assertThat(owner.post(onboarded.path("/wallet/reservations"),
                    Map.of("reservationId", "bc-1", "amount", 80, "purpose", "broadcast")).status()).isEqualTo(200);
        }
        try (RunningService restarted = RunningService.start()) {
            AdminClient.Response balance = restarted.admin().get(platformWallet(org));
            assertThat(balance.status()).isEqualTo(200);
            assertThat(balance.body().path("balance").asLong()).isEqualTo(380);
            assertThat(balance.body().path("reserved").asLong()).isEqualTo(80);
            assertThat(balance.body().path("available").asLong()).isEqualTo(300);
            // the payment reference survived the restart too: crediting it again changes nothing
            assertThat(restarted.admin().post(platformWallet(org) + "/purchases",
                    Map.of("paymentReference", "pay-1", "amount", 500)).body().path("balance").asLong()).isEqualTo(380);
        }
    }

    @Test
    void concurrentDebitsThroughTwoInstancesNeverOverdrawAndNoneIsLost() throws Exception {
        try (RunningService first = RunningService.start(); RunningService second = RunningService.start()) {
            AdminClient.Onboarded onboarded = first.admin().onboard(organization(0));
            String org = onboarded.organizationId();
            first.admin().post(platformWallet(org) + "/purchases", Map.of("paymentReference", "pay-1", "amount", 100));
            // the owner, logged in on each instance
            List<AdminClient> owners = List.of(onboarded.owner(), logIn(second.admin().baseUrl(), onboarded.ownerLogin()));

            int attempts = 160; // each costs 1 token: 100 must succeed, 60 must be declined
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                AdminClient owner = owners.get(i % 2);
                String reference = "m-" + i;
                statuses.add(threads.submit((Callable<Integer>) () -> owner.post(onboarded.path("/wallet/debits"),
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
            AdminClient.Response balance = second.admin().get(platformWallet(org));
            assertThat(balance.body().path("balance").asLong()).isZero();
            // Prometheus metrics, for the platform operator only (test contexts started by @SpringBootTest switch
            // exporters off; this one does not)
            HttpRequest.Builder prometheus = HttpRequest.newBuilder(
                    URI.create("http://localhost:" + second.port() + "/actuator/prometheus"));
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(prometheus.copy().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("metrics without the platform key").isEqualTo(401);
            HttpResponse<String> metrics = http.send(prometheus.copy()
                            .header(PlatformKey.HEADER, TestDatabaseEnvironmentPostProcessor.ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("hikaricp_connections").contains("commandBus_ingestedCounter_total")
                    .contains("crm_messages_latency_milliseconds");
        }
    }

    private static Map<String, Object> organization(long lowBalanceThreshold) {
        return Map.of("name", "Org " + UUID.randomUUID(),
                "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "prices", List.of(Map.of("module", "surveys", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", lowBalanceThreshold);
    }

    /** A staff login on the instance at this address. */
    private static AdminClient logIn(String baseUrl, String login) {
        AdminClient.Response session = new AdminClient(baseUrl, (String) null).post("/api/v1/auth/login",
                Map.of("login", login, "password", AdminClient.OWNER_PASSWORD));
        assertThat(session.status()).as("login: %s", session).isEqualTo(200);
        return AdminClient.bearer(baseUrl, session.text("accessToken"));
    }

    private static String platformWallet(String org) {
        return "/admin/organizations/" + org + "/wallet";
    }
}
