package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An organization ready to broadcast: a price per marketing template, tokens, a WhatsApp Business Account with an
 * approved template "Hi {{1}}, see you at TechExpo!", and contacts imported with a tag.
 */
final class BroadcastOrganization {

    static final long PRICE = 2;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int port;
    final AdminClient platform;
    final AdminClient owner;
    final String organizationId;
    final String phoneNumberId;
    final String path;
    /** The onboarding's answer, for inviting members. */
    final AdminClient.Onboarded onboarded;
    String templateId;
    /** The WhatsApp Business Account the approved template belongs to. */
    String accountId;

    BroadcastOrganization(int port, long tokens) {
        this.port = port;
        platform = new AdminClient("http://localhost:" + port);
        phoneNumberId = AdminClient.randomPhoneNumberId();
        AdminClient.Onboarded created = platform.onboard(Map.of("name", "Broadcasting org", "phoneNumberId", phoneNumberId,
                "prices", List.of(Map.of("module", "templates", "action", "marketing", "tokens", PRICE)),
                "lowBalanceThreshold", 0));
        onboarded = created;
        organizationId = created.organizationId();
        owner = created.owner();
        path = "/api/v1/orgs/" + organizationId;
        if (tokens > 0) {
            purchase("initial", tokens);
        }
    }

    void purchase(String reference, long tokens) {
        AdminClient.Response bought = platform.post("/admin/organizations/" + organizationId + "/wallet/purchases",
                Map.of("paymentReference", reference, "amount", tokens));
        if (bought.status() != 200) {
            throw new AssertionError("purchase refused: " + bought);
        }
    }

    JsonNode wallet() {
        return platform.get("/admin/organizations/" + organizationId + "/wallet").body();
    }

    /** Sends at up to {@code messagesPerSecond} from the organization's number (the platform operator's setting). */
    void sendRate(double messagesPerSecond) {
        AdminClient.Response set = platform.put("/admin/whatsapp-numbers/" + phoneNumberId + "/send-rate",
                Map.of("messagesPerSecond", messagesPerSecond));
        if (set.status() != 200) {
            throw new AssertionError("send rate refused: " + set);
        }
    }

    /** Submits the template and approves it by Meta's status webhook; waits until the template list shows it. */
    String approvedTemplate(String name) {
        return approvedTemplate(name, null);
    }

    /** The same, with a media header ({@code {format, example}}) when {@code header} is not null. */
    String approvedTemplate(String name, Map<String, Object> header) {
        String account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        accountId = account;
        check(owner.put(path + "/settings/whatsapp-account", Map.of("whatsAppBusinessAccountId", account)), 200);
        Map<String, Object> request = new java.util.HashMap<>(Map.of("name", name, "language", "en",
                "category", "MARKETING", "body", "Hi {{1}}, see you at TechExpo!",
                "bodyExamples", List.of(Map.of("name", "1", "example", "Wanjiku"))));
        if (header != null) {
            request.put("header", header);
        }
        AdminClient.Response template = owner.post(path + "/templates", request);
        check(template, 201);
        templateId = template.text("id");
        await(() -> owner.get(path + "/templates/" + templateId).body(),
                body -> "PENDING".equals(body.path("status").asText()));
        new WebhookClient(port).postSigned("""
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{"field":
                "message_template_status_update","value":{"event":"APPROVED","message_template_id":1,
                "message_template_name":"%s","message_template_language":"en","reason":null}}]}]}"""
                .formatted(account, Instant.now().getEpochSecond(), name));
        await(() -> owner.get(path + "/templates/" + templateId).body(),
                body -> "APPROVED".equals(body.path("status").asText()));
        return templateId;
    }

    /** Imports the contacts (CSV) and waits until an audience of the tag counts {@code expected}. */
    String audience(String csv, String tag, long expected) throws Exception {
        HttpResponse<String> imported = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path
                                + "/contacts/imports"))
                        .header("Authorization", "Bearer " + owner.token()).header("Content-Type", "text/csv")
                        .timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 200 && imported.statusCode() != 201) {
            throw new AssertionError("import refused: " + imported.statusCode() + " " + imported.body());
        }
        AdminClient.Response audience = owner.post(path + "/audiences", Map.of("name", tag,
                "conditions", List.of(Map.of("type", "tag", "tags", List.of(tag)))));
        check(audience, 201);
        String audienceId = audience.text("id");
        await(() -> owner.get(path + "/audiences/" + audienceId + "/preview").body(),
                body -> body.path("size").asLong() == expected);
        return audienceId;
    }

    String draft(String name, String audienceId) {
        AdminClient.Response drafted = owner.post(path + "/broadcasts", Map.of("name", name, "templateId", templateId,
                "audienceId", audienceId,
                "parameters", List.of(Map.of("source", "name", "fallback", "friend")), "callbackData", "campaign-" + name));
        check(drafted, 201);
        String broadcastId = drafted.text("broadcastId");
        await(() -> owner.get(path + "/broadcasts/" + broadcastId).body(),
                body -> "draft".equals(body.path("broadcast").path("status").asText()));
        return broadcastId;
    }

    JsonNode view(String broadcastId) {
        return owner.get(path + "/broadcasts/" + broadcastId).body();
    }

    static void check(AdminClient.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + ": " + response);
        }
    }

    static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> done) {
        return await(read, done, Duration.ofSeconds(30));
    }

    static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> done, Duration within) {
        Instant deadline = Instant.now().plus(within);
        JsonNode last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not there after " + within + ": " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = read.get();
        }
        return last;
    }
}
