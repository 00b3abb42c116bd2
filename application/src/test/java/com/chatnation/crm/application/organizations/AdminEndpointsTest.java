package com.chatnation.crm.application.organizations;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.SharedTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API's answers to good and bad requests, over real HTTP on real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminEndpointsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    AdminClient admin;

    @BeforeEach
    void client() {
        admin = new AdminClient("http://localhost:" + port);
    }

    @Test
    void onboardingReturnsAKeyThatIsStoredOnlyAsAHash() {
        String phone = AdminClient.randomPhoneNumberId();
        AdminClient.Response created = admin.post("/admin/organizations", Map.of("name", "Acme Events",
                "phoneNumberId", phone, "prices", List.of(Map.of("module", "surveys", "action", "reply", "tokens", 2)),
                "lowBalanceThreshold", 50));

        assertThat(created.status()).isEqualTo(201);
        String apiKey = created.text("apiKey");
        assertThat(apiKey).startsWith("crm_").hasSizeGreaterThan(40);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM organizations WHERE id = ?", created.text("organizationId"));
        assertThat(row.get("api_key_hash")).isEqualTo(ApiKeys.hash(apiKey)).isNotEqualTo(apiKey);
        assertThat(row.get("whatsapp_phone_number_id")).isEqualTo(phone);
        Integer eventsHoldingTheKey = jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?", Integer.class,
                "%" + apiKey + "%");
        assertThat(eventsHoldingTheKey).isZero();

        AdminClient.Response fetched = admin.get("/admin/organizations/" + created.text("organizationId"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.text("name")).isEqualTo("Acme Events");
        assertThat(fetched.body().has("apiKey")).isFalse();
        assertThat(admin.get("/admin/organizations/" + created.text("organizationId") + "/wallet").body()
                .path("balance").asLong()).isZero();
    }

    @Test
    void aWhatsAppNumberBelongsToOneOrganization() {
        String phone = AdminClient.randomPhoneNumberId();
        Map<String, Object> request = Map.of("name", "First", "phoneNumberId", phone, "lowBalanceThreshold", 0);
        assertThat(admin.post("/admin/organizations", request).status()).isEqualTo(201);

        AdminClient.Response second = admin.post("/admin/organizations", Map.of("name", "Second", "phoneNumberId", phone,
                "lowBalanceThreshold", 0));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("detail")).contains(phone);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations WHERE whatsapp_phone_number_id = ?",
                Integer.class, phone)).isEqualTo(1);
    }

    @Test
    void adminEndpointsNeedTheAdminKey() {
        AdminClient anonymous = new AdminClient("http://localhost:" + port, null);
        AdminClient wrongKey = new AdminClient("http://localhost:" + port, "not-the-key");
        Map<String, Object> request = Map.of("name", "X", "phoneNumberId", AdminClient.randomPhoneNumberId());

        AdminClient.Response missing = anonymous.post("/admin/organizations", request);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text("detail")).isEqualTo("missing X-Admin-Key header");
        AdminClient.Response wrong = wrongKey.post("/admin/organizations", request);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("detail")).isEqualTo("the X-Admin-Key header does not hold the admin key");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations WHERE name = 'X'", Integer.class)).isZero();
    }

    @Test
    void malformedAndInvalidRequestsGetPreciseErrors() {
        AdminClient.Response notJson = admin.postRaw("/admin/organizations", "{\"name\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text("code")).isEqualTo("malformed_request");
        assertThat(notJson.text("detail")).startsWith("request body is not valid JSON");

        AdminClient.Response invalid = admin.post("/admin/organizations", Map.of("name", "", "phoneNumberId", "abc"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().toString()).contains("phoneNumberId").contains("name");

        String org = admin.onboardOrganization(0);
        AdminClient.Response zero = admin.post("/admin/organizations/" + org + "/wallet/purchases",
                Map.of("paymentReference", "p", "amount", 0));
        assertThat(zero.status()).isEqualTo(400);
        AdminClient.Response overflowing = admin.postRaw("/admin/organizations/" + org + "/wallet/purchases",
                "{\"paymentReference\":\"p\",\"amount\":99999999999999999999999}");
        assertThat(overflowing.status()).isEqualTo(400);
    }

    @Test
    void walletRulesBecomeClearRefusals() {
        String org = admin.onboardOrganization(0);
        String wallet = "/admin/organizations/" + org + "/wallet";
        admin.post(wallet + "/purchases", Map.of("paymentReference", "p-1", "amount", 10));

        AdminClient.Response declined = admin.post(wallet + "/debits",
                Map.of("module", "ai", "action", "answer", "referenceId", "q-1", "amount", 11));
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.text("code")).isEqualTo("insufficient_tokens");
        assertThat(declined.body().path("availableBalance").asLong()).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'TokenDebitDeclined' "
                + "AND payload->>'organizationId' = ?", Integer.class, org)).as("the refusal is recorded").isEqualTo(1);

        AdminClient.Response unknownRefund = admin.post(wallet + "/refunds",
                Map.of("referenceId", "never", "amount", 1, "reason", "x"));
        assertThat(unknownRefund.status()).isEqualTo(422);
        assertThat(unknownRefund.text("code")).isEqualTo("unknown_debit");

        AdminClient.Response reserveTooMuch = admin.post(wallet + "/reservations",
                Map.of("reservationId", "bc", "amount", 11, "purpose", "broadcast"));
        assertThat(reserveTooMuch.status()).isEqualTo(402);

        assertThat(admin.post(wallet + "/reservations", Map.of("reservationId", "bc", "amount", 6, "purpose", "b"))
                .body().path("available").asLong()).isEqualTo(4);
        assertThat(admin.post(wallet + "/reservations/bc/captures",
                Map.of("amount", 4, "module", "content", "action", "send_broadcast")).body().path("balance").asLong())
                .isEqualTo(6);
        AdminClient.Response released = admin.post(wallet + "/reservations/bc/release", Map.of());
        assertThat(released.body().path("available").asLong()).isEqualTo(6);
        assertThat(admin.post(wallet + "/reservations/bc/release", Map.of()).status()).isEqualTo(422);
    }

    @Test
    void unknownOrganizationsAreNotFound() {
        AdminClient.Response missing = admin.get("/admin/organizations/does-not-exist/wallet");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("detail")).isEqualTo("no such organization does-not-exist");
        assertThat(admin.get("/admin/organizations/does-not-exist").status()).isEqualTo(404);
    }

    @Test
    void healthIncludesTheDatabase() {
        AdminClient plain = new AdminClient("http://localhost:" + port, null);
        AdminClient.Response health = plain.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(SharedTestDatabase.jdbcUrl()).startsWith("jdbc:postgresql:");

    }
}
