package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.application.support.AdminClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds a team over HTTP: the owner invites someone with roles, the invitee sets a password and is logged in. */
final class Staff {

    static final String PASSWORD = "another horse battery";

    record Member(String userId, String login, AdminClient client, String accessToken, String refreshToken) {
    }

    private Staff() {
    }

    static Member invite(AdminClient owner, String organizationId, String... roles) {
        String login = "staff-" + UUID.randomUUID() + "@example.com";
        AdminClient.Response invited = owner.post("/api/v1/orgs/" + organizationId + "/invitations",
                Map.of("email", login, "displayName", String.join("+", roles), "roles", List.of(roles)));
        if (invited.status() != 201) {
            throw new AssertionError("invitation refused: " + invited);
        }
        AdminClient.Response session = accept(owner.baseUrl(), invited.text("invitationToken"), PASSWORD);
        if (session.status() != 200) {
            throw new AssertionError("invitation not accepted: " + session);
        }
        return new Member(invited.text("userId"), login, AdminClient.bearer(owner.baseUrl(), session.text("accessToken")),
                session.text("accessToken"), session.text("refreshToken"));
    }

    static AdminClient.Response accept(String baseUrl, String token, String password) {
        return anonymous(baseUrl).post("/api/v1/auth/invitations/accept", Map.of("token", token, "password", password));
    }

    static AdminClient.Response login(String baseUrl, String login, String password) {
        return anonymous(baseUrl).post("/api/v1/auth/login", Map.of("login", login, "password", password));
    }

    static AdminClient anonymous(String baseUrl) {
        return new AdminClient(baseUrl, (String) null);
    }

    static String issueKey(AdminClient owner, String organizationId, String scope) {
        AdminClient.Response issued = owner.post("/api/v1/orgs/" + organizationId + "/api-keys",
                Map.of("name", scope + " key", "scopes", List.of(scope)));
        if (issued.status() != 201) {
            throw new AssertionError("key refused: " + issued);
        }
        return issued.text("key");
    }
}
