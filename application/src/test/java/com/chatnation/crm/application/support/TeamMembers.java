package com.chatnation.crm.application.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Staff accounts for tests: the owner invites someone with roles, and the invitee sets {@link #PASSWORD}. */
public final class TeamMembers {

    public static final String PASSWORD = "a member's long passphrase";

    public record Member(String userId, String login, String password) {
    }

    private TeamMembers() {
    }

    public static Member invite(AdminClient.Onboarded organization, String... roles) {
        String login = "member-" + UUID.randomUUID() + "@example.com";
        AdminClient.Response invited = organization.owner().post(organization.path("/invitations"),
                Map.of("email", login, "displayName", "Member " + String.join(" ", roles), "roles", List.of(roles)));
        if (invited.status() != 201) {
            throw new AssertionError("invitation refused: " + invited);
        }
        AdminClient.Response accepted = new AdminClient(organization.owner().baseUrl(), (String) null)
                .post("/api/v1/auth/invitations/accept", Map.of("token", invited.text("invitationToken"),
                        "password", PASSWORD));
        if (accepted.status() != 200) {
            throw new AssertionError("invitation not accepted: " + accepted);
        }
        return new Member(invited.text("userId"), login, PASSWORD);
    }

    public static Member owner(AdminClient.Onboarded organization) {
        return new Member(organization.ownerUserId(), organization.ownerLogin(), AdminClient.OWNER_PASSWORD);
    }
}
