package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.support.AdminClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Onboards organizations through the admin API and keeps the API key it hands out once. */
record Organizations(String id, String apiKey) {

    static Organizations onboard(AdminClient admin) {
        AdminClient.Response created = admin.post("/admin/organizations", Map.of(
                "name", "Analytics " + UUID.randomUUID(),
                "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "prices", List.of(
                        Map.of("module", "general", "action", "reply", "tokens", 1),
                        Map.of("module", "surveys", "action", "reply", "tokens", 1),
                        Map.of("module", "events", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", 0));
        if (created.status() != 201) {
            throw new AssertionError("onboarding failed: " + created);
        }
        return new Organizations(created.text("organizationId"), created.text("apiKey"));
    }

    String path(String suffix) {
        return "/api/v1/orgs/" + id + suffix;
    }
}
