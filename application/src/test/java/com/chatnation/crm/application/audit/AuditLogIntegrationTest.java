package com.chatnation.crm.application.audit;

import com.chatnation.crm.application.support.AdminClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted day of administration: each act shows in the audit log with the one who did it, the bot's own work
 * does not, and a rebuild of the log from the event store gives the same log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void everyAdministrativeActShowsItsActorAndSurvivesARebuild() throws Exception {
        String base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        AdminClient.Onboarded org = platform.onboard(Map.of("name", "Audited", "phoneNumberId",
                AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        AdminClient owner = org.owner();

        AdminClient.Response invited = owner.post(org.path("/invitations"),
                Map.of("email", "editor-" + UUID.randomUUID() + "@example.com", "roles", List.of("editor")));
        String editorId = invited.text("userId");
        AdminClient editor = AdminClient.bearer(base, new AdminClient(base, (String) null).post(
                "/api/v1/auth/invitations/accept", Map.of("token", invited.text("invitationToken"),
                        "password", "editor's own password")).text("accessToken"));
        assertThat(editor.post(org.path("/surveys"), Map.of("title", "Feedback", "keywords", List.of("feedback"),
                "questions", List.of(Map.of("id", "q1", "text", "Rate us", "type", "RATING", "required", true))))
                .status()).isEqualTo(201);
        AdminClient.Response key = owner.post(org.path("/api-keys"), Map.of("name", "Ticketing", "scopes", List.of("write")));
        AdminClient integration = AdminClient.bearer(base, key.text("key"));
        assertThat(integration.post(org.path("/events"), Map.of("name", "Expo", "venue", "KICC",
                "startsAt", "2031-03-01T09:00:00Z", "ticketTypes", List.of())).status()).isEqualTo(201);
        assertThat(platform.post("/admin/organizations/" + org.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "mpesa-1", "amount", 100)).status()).isEqualTo(200);
        assertThat(owner.put(org.path("/users/" + editorId + "/roles"), Map.of("roles", List.of("editor", "viewer")))
                .status()).isEqualTo(200);
        assertThat(editor.post(org.path("/inbound-messages"), Map.of("from", "+254700000001", "text", "feedback"))
                .status()).as("a simulated message: the bot's work is not an administrative act").isEqualTo(202);

        List<String> expected = List.of(
                "platform platform OrganizationOnboarded", "platform platform WalletCreated",
                "platform platform TeamFormed", "platform platform ApiKeyIssued", "platform platform StaffInvited",
                "user " + org.ownerUserId() + " StaffJoined",
                "user " + org.ownerUserId() + " StaffInvited",
                "user " + editorId + " StaffJoined",
                "user " + editorId + " SurveyPublished",
                "user " + org.ownerUserId() + " ApiKeyIssued",
                "api_key " + key.text("keyId") + " EventCreated",
                "platform platform TokensPurchased",
                "user " + org.ownerUserId() + " RolesChanged");
        JsonNode log = eventually(() -> owner.get(org.path("/audit-log?limit=200")).body(),
                body -> body.path("items").size() >= expected.size());
        List<String> acts = new ArrayList<>();
        for (JsonNode entry : log.path("items")) {
            acts.add(entry.path("actorType").asText() + " " + entry.path("actorId").asText() + " "
                    + entry.path("action").asText());
            assertThat(entry.path("resourceType").asText()).isNotIn("Conversation", "SurveyResponse");
            assertThat(entry.path("actorAddress").asText()).isEqualTo("127.0.0.1");
            assertThat(entry.path("details").toString()).doesNotContain(key.text("key")).doesNotContainIgnoringCase("hash");
        }
        // acts of one transaction may share a timestamp, so only the whole set and the newest are certain
        assertThat(acts).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(acts.get(0)).as("newest first").isEqualTo(expected.get(expected.size() - 1));

        JsonNode editorsOwn = owner.get(org.path("/audit-log?actorId=" + editorId)).body().path("items");
        assertThat(editorsOwn.findValuesAsText("action")).containsExactly("SurveyPublished", "StaffJoined");
        assertThat(editor.get(org.path("/audit-log")).status()).as("editors do not read the audit log").isEqualTo(403);

        assertThat(platform.post("/admin/replay/crm-audit", Map.of()).status()).isEqualTo(202);
        eventually(() -> platform.get("/admin/replay/crm-audit").body(),
                status -> "COMPLETED".equalsIgnoreCase(status.path("state").asText()));
        assertThat(owner.get(org.path("/audit-log?limit=200")).body()).as("the log rebuilt from the event store")
                .isEqualTo(log);
    }

    private static JsonNode eventually(Supplier<JsonNode> read, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within 60 s: " + last);
            }
            Thread.sleep(100);
            last = read.get();
        }
        return last;
    }
}
