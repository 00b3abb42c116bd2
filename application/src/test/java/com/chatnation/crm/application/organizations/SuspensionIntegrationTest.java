package com.chatnation.crm.application.organizations;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.WebhookClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A suspended organization's bot stays silent: contacts' messages are kept, replies wait for the resumption. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SuspensionIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void repliesWaitWhileSuspendedAndGoOutInOrderOnResumption() throws Exception {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        AdminClient.Onboarded org = platform.onboard(Map.of("name", "Suspended", "phoneNumberId", phoneNumberId,
                "prices", List.of(Map.of("module", "general", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", 0));
        platform.post("/admin/organizations/" + org.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "p-1", "amount", 50));
        assertThat(platform.post("/admin/organizations/" + org.organizationId() + "/suspension",
                Map.of("reason", "unpaid")).status()).isEqualTo(200);

        String contact = "+2547" + (10_000_000 + (int) (Math.random() * 89_999_999));
        WebhookClient webhook = new WebhookClient(port);
        assertThat(webhook.postSigned(WebhookClient.text(phoneNumberId, contact.substring(1), "wamid." + UUID.randomUUID(),
                "hi")).statusCode()).isEqualTo(200);

        waitFor(() -> count("SELECT count(*) FROM outbound_replies WHERE organization_id = ? AND status = 'held'",
                org.organizationId()) > 0);
        assertThat(GraphApiStandIn.shared().sentTo(contact)).as("nothing sent while suspended").isEmpty();
        // the messages read model follows the event store a moment later
        waitFor(() -> count("SELECT count(*) FROM messages WHERE organization_id = ? AND direction = 'inbound'",
                org.organizationId()) == 1);
        assertThat(platform.get("/admin/organizations/" + org.organizationId() + "/wallet").body().path("balance")
                .asLong()).as("nothing charged").isEqualTo(50);

        assertThat(platform.delete("/admin/organizations/" + org.organizationId() + "/suspension").status()).isEqualTo(200);
        assertThat(GraphApiStandIn.shared().awaitSentTo(contact, 1)).hasSize(1);
        waitFor(() -> platform.get("/admin/organizations/" + org.organizationId() + "/wallet").body().path("balance")
                .asLong() == 49);
    }

    private int count(String sql, String organizationId) {
        return jdbc.queryForObject(sql, Integer.class, organizationId);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
