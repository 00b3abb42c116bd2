package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.application.support.AdminClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff logins, sessions, invitations, roles and API keys, over real HTTP on real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffAccessIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    String base;
    AdminClient platform;
    AdminClient.Onboarded org;

    @BeforeEach
    void organization() {
        base = "http://localhost:" + port;
        platform = new AdminClient(base);
        org = platform.onboard(Map.of("name", "Staff test", "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "lowBalanceThreshold", 0));
    }

    @Test
    void refreshTokensRotateAndAReusedOneEndsTheWholeSession() {
        Staff.Member editor = Staff.invite(org.owner(), org.organizationId(), "editor");
        AdminClient.Response first = Staff.login(base, editor.login(), Staff.PASSWORD);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("tokenType")).isEqualTo("Bearer");
        assertThat(first.body().path("expiresIn").asLong()).isBetween(890L, 900L);

        AdminClient.Response second = refresh(first.text("refreshToken"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.text("refreshToken")).isNotEqualTo(first.text("refreshToken"));
        assertThat(me(second.text("accessToken"))).isEqualTo(200);

        AdminClient.Response replayed = refresh(first.text("refreshToken"));
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.text("code")).isEqualTo("invalid_refresh_token");
        assertThat(replayed.text("detail")).contains("already used");
        assertThat(refresh(second.text("refreshToken")).status()).as("the thief's token dies with the family").isEqualTo(401);
        assertThat(me(second.text("accessToken"))).as("and so does the session's access token").isEqualTo(401);
        assertThat(me(editor.accessToken())).as("another session of the same member lives on").isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        Staff.Member viewer = Staff.invite(org.owner(), org.organizationId(), "viewer");
        AdminClient.Response loggedOut = viewer.client().post("/api/v1/auth/logout",
                Map.of("refreshToken", viewer.refreshToken()));
        assertThat(loggedOut.status()).isEqualTo(204);
        assertThat(me(viewer.accessToken())).isEqualTo(401);
        assertThat(refresh(viewer.refreshToken()).status()).isEqualTo(401);
        assertThat(Staff.login(base, viewer.login(), Staff.PASSWORD).status()).as("logging in again works").isEqualTo(200);
    }

    @Test
    void deactivationCutsAccessAtOnce() {
        Staff.Member agent = Staff.invite(org.owner(), org.organizationId(), "agent");
        assertThat(agent.client().get(org.path("/contacts")).status()).isEqualTo(200);

        assertThat(org.owner().delete(org.path("/users/" + agent.userId())).status()).isEqualTo(204);

        AdminClient.Response refused = agent.client().get(org.path("/contacts"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("code")).isEqualTo("unauthorized");
        assertThat(refresh(agent.refreshToken()).status()).isEqualTo(401);
        assertThat(Staff.login(base, agent.login(), Staff.PASSWORD).status()).isEqualTo(401);
        assertThat(org.owner().get(org.path("/users")).body().findValuesAsText("status")).contains("deactivated");
    }

    @Test
    void aRoleChangeAppliesToTheNextRequest() {
        Staff.Member member = Staff.invite(org.owner(), org.organizationId(), "viewer");
        AdminClient.Response refused = member.client().post(org.path("/surveys"), Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("detail")).contains("content:write");

        AdminClient.Response changed = org.owner().put(org.path("/users/" + member.userId() + "/roles"),
                Map.of("roles", List.of("viewer", "editor")));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("roles").toString()).isEqualTo("[\"editor\",\"viewer\"]");
        assertThat(member.client().post(org.path("/surveys"), Map.of()).status()).as("in, and refused as invalid")
                .isEqualTo(400);
        assertThat(member.client().get(org.path("/users")).status()).isEqualTo(403);
    }

    @Test
    void anInvitationWorksOnceAndNotAfterItExpires() {
        AdminClient.Response invited = org.owner().post(org.path("/invitations"),
                Map.of("phone", "+254 712 000 111", "roles", List.of("billing")));
        assertThat(invited.status()).isEqualTo(201);
        String token = invited.text("invitationToken");
        assertThat(Staff.accept(base, token, "short").status()).as("weak password").isEqualTo(400);
        assertThat(Staff.accept(base, token, Staff.PASSWORD).status()).isEqualTo(200);
        AdminClient.Response again = Staff.accept(base, token, Staff.PASSWORD);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.text("code")).isEqualTo("invalid_invitation");
        assertThat(Staff.login(base, "+254712000111", Staff.PASSWORD).status()).as("login by phone").isEqualTo(200);

        AdminClient.Response late = org.owner().post(org.path("/invitations"),
                Map.of("email", "late@example.com", "roles", List.of("viewer")));
        jdbc.update("UPDATE staff_invitations SET expires_at = now() - interval '1 minute' WHERE user_id = ?",
                late.text("userId"));
        AdminClient.Response expired = Staff.accept(base, late.text("invitationToken"), Staff.PASSWORD);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.text("code")).isEqualTo("invitation_expired");

        AdminClient.Response reissued = org.owner().post(org.path("/users/" + late.text("userId") + "/invitation"), Map.of());
        assertThat(reissued.status()).isEqualTo(200);
        assertThat(Staff.accept(base, late.text("invitationToken"), Staff.PASSWORD).status()).as("old token").isEqualTo(401);
        assertThat(Staff.accept(base, reissued.text("invitationToken"), Staff.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theLastOwnerCannotLeave() {
        AdminClient.Response demote = org.owner().put(org.path("/users/" + org.ownerUserId() + "/roles"),
                Map.of("roles", List.of("admin")));
        assertThat(demote.status()).isEqualTo(422);
        assertThat(demote.text("code")).isEqualTo("last_owner");
        AdminClient.Response leave = org.owner().delete(org.path("/users/" + org.ownerUserId()));
        assertThat(leave.status()).isEqualTo(422);
        assertThat(leave.text("code")).isEqualTo("last_owner");

        Staff.Member second = Staff.invite(org.owner(), org.organizationId(), "owner");
        assertThat(org.owner().put(org.path("/users/" + org.ownerUserId() + "/roles"), Map.of("roles", List.of("admin")))
                .status()).isEqualTo(200);
        assertThat(second.client().delete(org.path("/users/" + second.userId())).status()).isEqualTo(422);
    }

    @Test
    void oneLoginBelongsToOneAccount() {
        AdminClient.Response taken = org.owner().post(org.path("/invitations"),
                Map.of("email", org.ownerLogin().toUpperCase(), "roles", List.of("viewer")));
        assertThat(taken.status()).isIn(409, 422);
        AdminClient.Onboarded other = platform.onboard(Map.of("name", "Other", "phoneNumberId",
                AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        AdminClient.Response elsewhere = other.owner().post(other.path("/invitations"),
                Map.of("email", org.ownerLogin(), "roles", List.of("viewer")));
        assertThat(elsewhere.status()).as("the same e-mail in another organization").isEqualTo(409);
    }

    @Test
    void apiKeysAreScopedRotatableAndRevocable() {
        AdminClient.Response issued = org.owner().post(org.path("/api-keys"),
                Map.of("name", "Zapier", "scopes", List.of("read")));
        assertThat(issued.status()).isEqualTo(201);
        String keyId = issued.text("keyId");
        AdminClient key = AdminClient.bearer(base, issued.text("key"));
        assertThat(key.get(org.path("/wallet")).status()).isEqualTo(200);
        assertThat(key.post(org.path("/surveys"), Map.of()).status()).isEqualTo(403);
        assertThat(org.owner().get(org.path("/api-keys")).body().findValuesAsText("lastUsedAt")).hasSize(1);

        AdminClient.Response rotated = org.owner().post(org.path("/api-keys/" + keyId + "/rotation"), Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(key.get(org.path("/wallet")).status()).as("old value").isEqualTo(401);
        AdminClient fresh = new AdminClient(base, (String) null).withHeader("X-Api-Key", rotated.text("key"));
        assertThat(fresh.get(org.path("/wallet")).status()).isEqualTo(200);

        assertThat(org.owner().delete(org.path("/api-keys/" + keyId)).status()).isEqualTo(204);
        assertThat(fresh.get(org.path("/wallet")).status()).isEqualTo(401);
        AdminClient onboarding = AdminClient.bearer(base, org.apiKey());
        assertThat(onboarding.get(org.path("/wallet")).status()).as("the onboarding key still reads").isEqualTo(200);
        assertThat(org.owner().delete(org.path("/api-keys/onboarding")).status()).isEqualTo(204);
        assertThat(onboarding.get(org.path("/wallet")).status()).isEqualTo(401);
    }

    @Test
    void repeatedFailedLoginsAreSlowedDown() {
        for (int i = 0; i < 5; i++) {
            AdminClient.Response wrong = Staff.login(base, org.ownerLogin(), "not the password");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.text("detail")).isEqualTo("wrong login or password");
        }
        AdminClient.Response throttled = Staff.login(base, org.ownerLogin(), AdminClient.OWNER_PASSWORD);
        assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.text("code")).isEqualTo("too_many_attempts");
        assertThat(Staff.login(base, "nobody-" + System.nanoTime() + "@example.com", "whatever!!").status())
                .as("an unknown account answers like a wrong password").isEqualTo(401);
    }

    @Test
    void aPasswordChangeEndsEverySession() {
        Staff.Member admin = Staff.invite(org.owner(), org.organizationId(), "admin");
        AdminClient.Response wrongCurrent = admin.client().post("/api/v1/auth/password",
                Map.of("currentPassword", "not it at all", "newPassword", "a brand new password"));
        assertThat(wrongCurrent.status()).isEqualTo(401);
        assertThat(admin.client().post("/api/v1/auth/password", Map.of("currentPassword", Staff.PASSWORD,
                "newPassword", "a brand new password")).status()).isEqualTo(204);
        assertThat(me(admin.accessToken())).isEqualTo(401);
        assertThat(refresh(admin.refreshToken()).status()).isEqualTo(401);
        assertThat(Staff.login(base, admin.login(), Staff.PASSWORD).status()).isEqualTo(401);
        assertThat(Staff.login(base, admin.login(), "a brand new password").status()).isEqualTo(200);
    }

    @Test
    void aSuspendedOrganizationReadsButCannotWrite() {
        AdminClient.Response suspended = platform.post("/admin/organizations/" + org.organizationId() + "/suspension",
                Map.of("reason", "unpaid invoice"));
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("suspended");
        assertThat(org.owner().get(org.path("/wallet")).status()).isEqualTo(200);
        AdminClient.Response refused = org.owner().post(org.path("/api-keys"), Map.of("name", "x", "scopes", List.of("read")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("organization_suspended");

        assertThat(platform.delete("/admin/organizations/" + org.organizationId() + "/suspension").status()).isEqualTo(200);
        assertThat(org.owner().post(org.path("/api-keys"), Map.of("name", "x", "scopes", List.of("read"))).status())
                .isEqualTo(201);
    }

    @Test
    void noSecretReachesTheEventStore() {
        Staff.Member member = Staff.invite(org.owner(), org.organizationId(), "editor");
        String key = Staff.issueKey(org.owner(), org.organizationId(), "write");
        for (String secret : List.of(Staff.PASSWORD, AdminClient.OWNER_PASSWORD, member.refreshToken(),
                member.accessToken(), key, org.apiKey())) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE position(? in "
                    + "convert_from(payload, 'UTF8') || convert_from(coalesce(metadata, ''), 'UTF8')) > 0",
                    Integer.class, secret)).as("events holding a secret").isZero();
        }
        assertThat(jdbc.queryForObject("SELECT password_hash FROM user_credentials WHERE user_id = ?", String.class,
                member.userId())).startsWith("{bcrypt}$2");
    }

    private AdminClient.Response refresh(String refreshToken) {
        return Staff.anonymous(base).post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    private int me(String accessToken) {
        return AdminClient.bearer(base, accessToken).get("/api/v1/auth/me").status();
    }
}
