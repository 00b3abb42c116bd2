package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.support.AdminClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Onboards organizations through the platform's API, keeps the read-only API key it hands out once, and logs the
 * invited owner in (the owner's access token can write; the onboarding key only reads).
 */
record Organizations(String id, String apiKey, String ownerToken) {

    static Organizations onboard(AdminClient platform) {
        AdminClient.Response created = platform.post("/admin/organizations", Map.of(
                "name", "Analytics " + UUID.randomUUID(),
                "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "prices", List.of(
                        Map.of("module", "general", "action", "reply", "tokens", 1),
                        Map.of("module", "surveys", "action", "reply", "tokens", 1),
                        Map.of("module", "events", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", 0,
                "owner", Map.of("email", "owner-" + UUID.randomUUID() + "@example.com", "displayName", "Owner")));
        if (created.status() != 201) {
            throw new AssertionError("onboarding failed: " + created);
        }
        AdminClient.Response accepted = new AdminClient(platform.baseUrl(), (String) null).post(
                "/api/v1/auth/invitations/accept", Map.of(
                        "token", created.body().path("ownerInvitation").path("invitationToken").asText(),
                        "password", AdminClient.OWNER_PASSWORD));
        if (accepted.status() != 200) {
            throw new AssertionError("the owner could not accept the invitation: " + accepted);
        }
        return new Organizations(created.text("organizationId"), created.text("apiKey"), accepted.text("accessToken"));
    }

    String path(String suffix) {
        return "/api/v1/orgs/" + id + suffix;
    }
}
