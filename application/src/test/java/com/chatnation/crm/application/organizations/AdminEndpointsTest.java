package com.chatnation.crm.application.organizations;

import com.chatnation.crm.application.staff.SecretTokens;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.SharedTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform operator's API (and the organization operations next to it) answering good and bad requests, over
 * real HTTP on real PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminEndpointsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HealthEndpoint health;

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
                "lowBalanceThreshold", 50, "owner", owner()));

        assertThat(created.status()).isEqualTo(201);
        String apiKey = created.text("apiKey");
        assertThat(apiKey).startsWith("crm_").hasSizeGreaterThan(40);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM organizations WHERE id = ?", created.text("organizationId"));
        assertThat(row.get("api_key_hash")).isEqualTo(SecretTokens.hash(apiKey)).isNotEqualTo(apiKey);
        assertThat(row.get("whatsapp_phone_number_id")).isEqualTo(phone);
        Integer eventsHoldingTheKey = jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?", Integer.class,
                "%" + apiKey + "%");
        assertThat(eventsHoldingTheKey).isZero();
        // the owner's invitation is shown once too, and stored only as a hash
        String invitationToken = created.body().path("ownerInvitation").path("invitationToken").asText();
        assertThat(created.body().path("ownerInvitation").path("userId").asText()).isNotEmpty();
        assertThat(invitationToken).isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?",
                Integer.class, "%" + invitationToken + "%")).isZero();

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
        Map<String, Object> request = Map.of("name", "First", "phoneNumberId", phone, "lowBalanceThreshold", 0,
                "owner", owner());
        assertThat(admin.post("/admin/organizations", request).status()).isEqualTo(201);

        AdminClient.Response second = admin.post("/admin/organizations", Map.of("name", "Second", "phoneNumberId", phone,
                "lowBalanceThreshold", 0, "owner", owner()));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("detail")).contains(phone);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations WHERE whatsapp_phone_number_id = ?",
                Integer.class, phone)).isEqualTo(1);
    }

    @Test
    void adminEndpointsNeedTheAdminKey() {
        AdminClient anonymous = new AdminClient("http://localhost:" + port, null);
        AdminClient wrongKey = new AdminClient("http://localhost:" + port, "not-the-key");
        Map<String, Object> request = Map.of("name", "X", "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "owner", owner());

        AdminClient.Response missing = anonymous.post("/admin/organizations", request);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text("code")).isEqualTo("unauthorized");
        assertThat(missing.text("detail")).startsWith("authentication required").contains("X-Admin-Key");
        AdminClient.Response wrong = wrongKey.post("/admin/organizations", request);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("code")).isEqualTo("unauthorized");
        assertThat(wrong.text("detail")).isEqualTo("the X-Admin-Key header does not hold the platform key");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations WHERE name = 'X'", Integer.class)).isZero();
    }

    @Test
    void thePlatformKeyAndOrganizationCredentialsEachStayOnTheirSide() {
        AdminClient.Onboarded org = admin.onboard(Map.of("name", "Sides " + UUID.randomUUID(),
                "phoneNumberId", AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        Map<String, Object> debit = Map.of("module", "ai", "action", "answer", "referenceId", "q-1", "amount", 1);
        Map<String, Object> survey = Map.of("title", "Platform survey", "keywords", List.of("platform"),
                "questions", List.of(Map.of("id", "q1", "text", "Yes?", "type", "YES_NO", "required", true)));

        // the platform key does not act inside an organization
        for (AdminClient.Response refused : List.of(admin.get(org.path("/contacts")), admin.get(org.path("/wallet")),
                admin.post(org.path("/wallet/debits"), debit), admin.post(org.path("/surveys"), survey),
                admin.post(org.path("/inbound-messages"), Map.of("from", "+254700000001", "text", "hi")))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.text("code")).isEqualTo("forbidden");
        }
        assertThat(surveysPublished(org.organizationId())).isZero();
        // where the organization's own owner is let in
        assertThat(org.owner().get(org.path("/contacts")).status()).isEqualTo(200);
        assertThat(org.owner().get(org.path("/wallet")).status()).isEqualTo(200);
        assertThat(org.owner().post(org.path("/surveys"), survey).status()).isEqualTo(201);
        assertThat(surveysPublished(org.organizationId())).isEqualTo(1);

        // and neither the owner nor the organization's key is the platform
        AdminClient key = AdminClient.bearer("http://localhost:" + port, org.apiKey());
        for (AdminClient organization : List.of(org.owner(), key)) {
            AdminClient.Response refused = organization.get("/admin/organizations/" + org.organizationId());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.text("code")).isEqualTo("forbidden");
            assertThat(organization.post("/admin/organizations/" + org.organizationId() + "/wallet/purchases",
                    Map.of("paymentReference", "self-credit", "amount", 1000)).status()).isEqualTo(403);
        }
        assertThat(admin.get("/admin/organizations/" + org.organizationId() + "/wallet").body().path("balance").asLong())
                .isZero();
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
        AdminClient.Onboarded onboarded = admin.onboard(Map.of("name", "Wallet " + UUID.randomUUID(),
                "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "prices", List.of(Map.of("module", "surveys", "action", "reply", "tokens", 1)), "lowBalanceThreshold", 0));
        String org = onboarded.organizationId();
        AdminClient owner = onboarded.owner();
        // the platform credits and refunds; the organization's owner spends and reserves
        String platformWallet = "/admin/organizations/" + org + "/wallet";
        String wallet = onboarded.path("/wallet");
        assertThat(admin.post(platformWallet + "/purchases", Map.of("paymentReference", "p-1", "amount", 10)).status())
                .isEqualTo(200);

        AdminClient.Response declined = owner.post(wallet + "/debits",
                Map.of("module", "ai", "action", "answer", "referenceId", "q-1", "amount", 11));
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.text("code")).isEqualTo("insufficient_tokens");
        assertThat(declined.body().path("availableBalance").asLong()).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'TokenDebitDeclined' "
                + "AND payload->>'organizationId' = ?", Integer.class, org)).as("the refusal is recorded").isEqualTo(1);

        AdminClient.Response unknownRefund = admin.post(platformWallet + "/refunds",
                Map.of("referenceId", "never", "amount", 1, "reason", "x"));
        assertThat(unknownRefund.status()).isEqualTo(422);
        assertThat(unknownRefund.text("code")).isEqualTo("unknown_debit");

        AdminClient.Response reserveTooMuch = owner.post(wallet + "/reservations",
                Map.of("reservationId", "bc", "amount", 11, "purpose", "broadcast"));
        assertThat(reserveTooMuch.status()).isEqualTo(402);

        assertThat(owner.post(wallet + "/reservations", Map.of("reservationId", "bc", "amount", 6, "purpose", "b"))
                .body().path("available").asLong()).isEqualTo(4);
        assertThat(owner.post(wallet + "/reservations/bc/captures",
                Map.of("amount", 4, "module", "content", "action", "send_broadcast")).body().path("balance").asLong())
                .isEqualTo(6);
        AdminClient.Response released = owner.post(wallet + "/reservations/bc/release", Map.of());
        assertThat(released.body().path("available").asLong()).isEqualTo(6);
        assertThat(owner.post(wallet + "/reservations/bc/release", Map.of()).status()).isEqualTo(422);
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
        AdminClient.Response response = plain.get("/actuator/health");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("status")).isEqualTo("UP");
        // public, so it names no components; the status it reports includes the database's
        assertThat(response.body().has("components")).isFalse();
        assertThat(response.body().has("details")).isFalse();
        assertThat(health.healthForPath("db")).as("the database's health indicator").isNotNull();
        assertThat(health.healthForPath("db").getStatus()).isEqualTo(Status.UP);
        assertThat(SharedTestDatabase.jdbcUrl()).startsWith("jdbc:postgresql:");
    }

    private int surveysPublished(String organizationId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.SurveyPublished' "
                + "AND convert_from(payload, 'UTF8') LIKE ?", Integer.class, "%" + organizationId + "%");
    }

    private static Map<String, Object> owner() {
        return Map.of("email", "owner-" + UUID.randomUUID() + "@example.com", "displayName", "Owner");
    }
}
