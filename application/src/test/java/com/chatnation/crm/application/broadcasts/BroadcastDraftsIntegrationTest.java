package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drafting, scheduling and cancelling a broadcast over the organization's API, against a template approved through
 * the real submission and status webhook, and a saved audience; every refusal a clear 4xx that writes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BroadcastDraftsIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void aBroadcastIsDraftedScheduledAndCancelledAndBadRequestsWriteNothing() throws Exception {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        AdminClient.Onboarded created = platform.onboard(Map.of("name", "Broadcast drafts",
                "phoneNumberId", AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        AdminClient owner = created.owner();
        String org = "/api/v1/orgs/" + created.organizationId();
        String account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        assertThat(owner.put(org + "/settings/whatsapp-account", Map.of("whatsAppBusinessAccountId", account))
                .status()).isEqualTo(200);
        AdminClient.Response template = owner.post(org + "/templates", Map.of("name", "event_reminder",
                "language", "en", "category", "MARKETING", "body", "See you at TechExpo on Friday!"));
        assertThat(template.status()).as(template.toString()).isEqualTo(201);
        String templateId = template.text("id");
        String audienceId = owner.post(org + "/audiences", Map.of("name", "VIPs",
                "conditions", List.of(Map.of("type", "tag", "tags", List.of("vip"))))).text("id");

        // the template list is a read model: drafting reads it, so wait until it shows the new template
        await(() -> owner.get(org + "/templates/" + templateId).body(),
                body -> "PENDING".equals(body.path("status").asText()));
        Map<String, Object> draft = Map.of("name", "TechExpo reminder", "templateId", templateId,
                "audienceId", audienceId);
        AdminClient.Response pending = owner.post(org + "/broadcasts", draft);
        assertThat(pending.status()).as("a template still pending: " + pending).isEqualTo(422);
        assertThat(pending.text("code")).isEqualTo("template_not_approved");

        new WebhookClient(port).postSigned("""
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{"field":
                "message_template_status_update","value":{"event":"APPROVED","message_template_id":1,
                "message_template_name":"event_reminder","message_template_language":"en","reason":null}}]}]}"""
                .formatted(account, Instant.now().getEpochSecond()));
        await(() -> owner.get(org + "/templates/" + templateId).body(),
                body -> "APPROVED".equals(body.path("status").asText()));

        assertThat(owner.post(org + "/broadcasts", Map.of("name", "x", "templateId", "no-such-template",
                "audienceId", audienceId)).status()).isEqualTo(404);
        assertThat(owner.post(org + "/broadcasts", Map.of("name", "x", "templateId", templateId,
                "audienceId", "00000000-0000-0000-0000-000000000000")).status()).isEqualTo(404);
        assertThat(owner.post(org + "/broadcasts", Map.of("name", " ", "templateId", templateId,
                "audienceId", audienceId)).status()).isEqualTo(422);
        assertThat(owner.post(org + "/broadcasts", Map.of("name", "x", "audienceId", audienceId)).status())
                .isEqualTo(400);

        AdminClient.Response drafted = owner.post(org + "/broadcasts", draft);
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        String broadcastId = drafted.text("broadcastId");
        JsonNode view = await(() -> owner.get(org + "/broadcasts/" + broadcastId).body(),
                body -> "draft".equals(body.path("broadcast").path("status").asText()));
        assertThat(view.path("broadcast").path("templateCategory").asText()).isEqualTo("MARKETING");
        assertThat(view.path("broadcast").path("audienceId").asText()).isEqualTo(audienceId);

        assertThat(owner.post(org + "/broadcasts/" + broadcastId + "/schedule",
                Map.of("sendAt", Instant.now().minusSeconds(60).toString())).status()).as("in the past").isEqualTo(422);
        assertThat(owner.post(org + "/broadcasts/" + broadcastId + "/schedule", Map.of("sendAt", "tomorrow"))
                .status()).isEqualTo(400);
        Instant sendAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(owner.post(org + "/broadcasts/" + broadcastId + "/schedule", Map.of("sendAt", sendAt.toString()))
                .status()).isEqualTo(200);
        await(() -> owner.get(org + "/broadcasts/" + broadcastId).body(),
                body -> "scheduled".equals(body.path("broadcast").path("status").asText())
                        && sendAt.equals(Instant.parse(body.path("broadcast").path("scheduledAt").asText())));

        AdminClient.Onboarded other = platform.onboard(Map.of("name", "Someone else",
                "phoneNumberId", AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        assertThat(other.owner().post("/api/v1/orgs/" + other.organizationId() + "/broadcasts/" + broadcastId
                + "/cancel", Map.of()).status()).as("another organization's broadcast").isEqualTo(404);

        assertThat(owner.post(org + "/broadcasts/" + broadcastId + "/cancel", Map.of("reason", "venue changed"))
                .status()).isEqualTo(200);
        await(() -> owner.get(org + "/broadcasts/" + broadcastId).body(),
                body -> "cancelled".equals(body.path("broadcast").path("status").asText()));
        assertThat(owner.post(org + "/broadcasts/" + broadcastId + "/schedule", Map.of("sendAt", sendAt.toString()))
                .status()).as("a cancelled broadcast").isEqualTo(422);
    }

    private static JsonNode await(java.util.function.Supplier<JsonNode> read, Predicate<JsonNode> condition)
            throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode last = null;
        while (Instant.now().isBefore(until)) {
            last = read.get();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never reached: " + last);
    }
}
