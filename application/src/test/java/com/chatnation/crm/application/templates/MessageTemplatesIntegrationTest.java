package com.chatnation.crm.application.templates;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates end to end on the real service and PostgreSQL against the Graph API stand-in: created and submitted
 * with the right payload, approved or rejected by webhook, seen in the read table, sent with the right body and
 * price, refused when not approved, unknown or short of a parameter, synced from Meta's pages, deleted at Meta.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MessageTemplatesIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();

    @LocalServerPort
    int port;

    private AdminClient platform;
    private AdminClient owner;
    private String org;
    private String account;
    private String phoneNumberId;

    @BeforeEach
    void onboard() {
        platform = new AdminClient("http://localhost:" + port);
        phoneNumberId = AdminClient.randomPhoneNumberId();
        AdminClient.Onboarded created = platform.onboard(Map.of(
                "name", "Template test org", "phoneNumberId", phoneNumberId, "lowBalanceThreshold", 0,
                "prices", List.of(Map.of("module", "templates", "action", "utility", "tokens", 3),
                        Map.of("module", "templates", "action", "marketing", "tokens", 7))));
        org = created.organizationId();
        owner = created.owner();
        platform.post("/admin/organizations/" + org + "/wallet/purchases",
                Map.of("paymentReference", "initial-" + org, "amount", 100));
        account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }

    private String path(String suffix) {
        return "/api/v1/orgs/" + org + suffix;
    }

    private static Map<String, Object> ticketReminder(String name) {
        return Map.of("name", name, "language", "en_US", "category", "UTILITY",
                "header", Map.of("format", "TEXT", "text", "Your ticket for {{1}}", "example", "Sauti Sol live"),
                "body", "Hi {{1}}, your {{2}} ticket is ready. See you there!",
                "bodyExamples", List.of(Map.of("name", "1", "example", "Wanjiku"), Map.of("name", "2", "example", "VIP")),
                "footer", "Reply STOP to opt out",
                "buttons", List.of(Map.of("type", "QUICK_REPLY", "text", "Thanks"),
                        Map.of("type", "URL", "text", "My ticket", "url", "https://tickets.example/t/{{1}}",
                                "example", "https://tickets.example/t/ABC123")));
    }

    private String statusWebhook(String name, String language, String event, String reason) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{"field":
                "message_template_status_update","value":{"event":"%s","message_template_id":594425479261596,
                "message_template_name":"%s","message_template_language":"%s","reason":%s}}]}]}"""
                .formatted(account, Instant.now().getEpochSecond(), event, name, language,
                        reason == null ? "null" : "\"" + reason + "\"");
    }

    private JsonNode awaitTemplate(String id, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        AdminClient.Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = owner.get(path("/templates/" + id));
            if (last.status() == 200 && condition.test(last.body())) {
                return last.body();
            }
            sleep();
        }
        throw new AssertionError("template " + id + " never reached the expected state: " + last);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long balance() {
        return platform.get("/admin/organizations/" + org + "/wallet").body().path("balance").asLong();
    }

    @Test
    void aTemplateIsSubmittedApprovedByWebhookAndSentWithItsParameters() throws Exception {
        AdminClient.Response noAccount = owner.post(path("/templates"), ticketReminder("ticket_reminder"));
        assertThat(noAccount.status()).as(noAccount.toString()).isEqualTo(409);
        assertThat(noAccount.text("code")).isEqualTo("whatsapp_account_missing");
        assertThat(owner.put(path("/settings/whatsapp-account"), Map.of("whatsAppBusinessAccountId", "waba-1"))
                .status()).isEqualTo(422);
        AdminClient.Response named = owner.put(path("/settings/whatsapp-account"),
                Map.of("whatsAppBusinessAccountId", account));
        assertThat(named.status()).as(named.toString()).isEqualTo(200);
        assertThat(owner.get(path("/settings/whatsapp-account")).text("whatsAppBusinessAccountId")).isEqualTo(account);
        AdminClient.Onboarded other = platform.onboard(Map.of("name", "Another org", "phoneNumberId",
                AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        AdminClient.Response taken = other.owner().put(other.path("/settings/whatsapp-account"),
                Map.of("whatsAppBusinessAccountId", account));
        assertThat(taken.status()).as("one organization per account: " + taken).isEqualTo(409);

        AdminClient.Response created = owner.post(path("/templates"), ticketReminder("ticket_reminder"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("PENDING");
        String id = created.text("id");

        // what Meta received
        List<GraphApiStandIn.TemplateCall> calls = GRAPH.templateCalls(account);
        assertThat(calls).singleElement().extracting(GraphApiStandIn.TemplateCall::method).isEqualTo("POST");
        JsonNode submitted = calls.get(0).body();
        assertThat(submitted).isEqualTo(JSON.readTree("""
                {"name":"ticket_reminder","language":"en_US","category":"UTILITY","parameter_format":"POSITIONAL",
                 "components":[
                  {"type":"HEADER","format":"TEXT","text":"Your ticket for {{1}}","example":{"header_text":["Sauti Sol live"]}},
                  {"type":"BODY","text":"Hi {{1}}, your {{2}} ticket is ready. See you there!",
                   "example":{"body_text":[["Wanjiku","VIP"]]}},
                  {"type":"FOOTER","text":"Reply STOP to opt out"},
                  {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Thanks"},
                    {"type":"URL","text":"My ticket","url":"https://tickets.example/t/{{1}}",
                     "example":["https://tickets.example/t/ABC123"]}]}]}"""));

        JsonNode pending = awaitTemplate(id, t -> "PENDING".equals(t.path("status").asText()));
        assertThat(pending.path("metaTemplateId").asText()).isEqualTo(created.text("metaTemplateId"));
        assertThat(pending.path("content").path("body").asText()).startsWith("Hi {{1}}");

        Map<String, Object> send = new HashMap<>(Map.of("to", "+254712000111",
                "header", Map.of("type", "text", "text", "Sauti Sol live"),
                "body", List.of(Map.of("type", "text", "text", "Amina"),
                        Map.of("type", "currency", "fallback", "KES 1,500", "code", "KES", "amount", 1500)),
                "buttons", List.of(Map.of("index", 1, "text", "T-42"))));
        AdminClient.Response notYet = owner.post(path("/templates/" + id + "/messages"), send);
        assertThat(notYet.status()).as("a PENDING template cannot be sent").isEqualTo(422);
        assertThat(notYet.text("code")).isEqualTo("template_not_approved");

        assertThat(new WebhookClient(port).postSigned(statusWebhook("ticket_reminder", "en_US", "APPROVED", "NONE"))
                .statusCode()).isEqualTo(200);
        awaitTemplate(id, t -> "APPROVED".equals(t.path("status").asText()));
        AdminClient.Response listed = owner.get(path("/templates?status=APPROVED"));
        assertThat(listed.body().path("items")).extracting(item -> item.path("id").asText()).containsExactly(id);

        // missing and wrong parameters: 400, nothing charged, nothing sent
        long before = balance();
        int sentBefore = GRAPH.sentTo("+254712000111").size();
        Map<String, Object> missing = new HashMap<>(send);
        missing.put("body", List.of(Map.of("type", "text", "text", "Amina")));
        AdminClient.Response short1 = owner.post(path("/templates/" + id + "/messages"), missing);
        assertThat(short1.status()).as(short1.toString()).isEqualTo(400);
        assertThat(short1.text("code")).isEqualTo("invalid_parameters");
        Map<String, Object> noButton = new HashMap<>(send);
        noButton.remove("buttons");
        assertThat(owner.post(path("/templates/" + id + "/messages"), noButton).status()).isEqualTo(400);
        Map<String, Object> noHeader = new HashMap<>(send);
        noHeader.remove("header");
        assertThat(owner.post(path("/templates/" + id + "/messages"), noHeader).status()).isEqualTo(400);
        assertThat(owner.post(path("/templates/00000000-0000-0000-0000-000000000000/messages"), send).status())
                .as("unknown template").isEqualTo(404);
        assertThat(owner.post(path("/templates/not-a-uuid/messages"), send).status()).isEqualTo(404);
        assertThat(balance()).isEqualTo(before);
        assertThat(GRAPH.sentTo("+254712000111")).hasSize(sentBefore);

        AdminClient.Response sent = owner.post(path("/templates/" + id + "/messages"), send);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        assertThat(sent.text("wamid")).startsWith("wamid.standin.");
        assertThat(sent.body().path("tokens").asLong()).isEqualTo(3);
        assertThat(balance()).as("charged at templates/utility").isEqualTo(before - 3);
        GraphApiStandIn.Sent message = GRAPH.awaitSentTo("+254712000111", sentBefore + 1).get(sentBefore);
        assertThat(message.phoneNumberId()).isEqualTo(phoneNumberId);
        assertThat(message.body()).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"254712000111","type":"template",
                 "template":{"name":"ticket_reminder","language":{"code":"en_US"},"components":[
                  {"type":"header","parameters":[{"type":"text","text":"Sauti Sol live"}]},
                  {"type":"body","parameters":[{"type":"text","text":"Amina"},
                    {"type":"currency","currency":{"fallback_value":"KES 1,500","code":"KES","amount_1000":1500000}}]},
                  {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"T-42"}]}]}}"""));

        // Meta moves it to marketing: the next send costs the marketing price
        new WebhookClient(port).postSigned("""
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"template_category_update",
                "value":{"message_template_id":1,"message_template_name":"ticket_reminder","message_template_language":"en_US",
                "previous_category":"UTILITY","new_category":"MARKETING"}}]}]}""".formatted(account));
        JsonNode marketing = awaitTemplate(id, t -> "MARKETING".equals(t.path("category").asText()));
        assertThat(marketing.path("previousCategory").asText()).isEqualTo("UTILITY");
        AdminClient.Response again = owner.post(path("/templates/" + id + "/messages"), send);
        assertThat(again.body().path("tokens").asLong()).isEqualTo(7);

        // deleted at Meta and here; then it cannot be sent
        assertThat(owner.delete(path("/templates/" + id)).status()).isEqualTo(204);
        GraphApiStandIn.TemplateCall deletion = GRAPH.templateCalls(account).get(GRAPH.templateCalls(account).size() - 1);
        assertThat(deletion.method()).isEqualTo("DELETE");
        assertThat(deletion.query()).contains("name=ticket_reminder").contains("hsm_id=" + created.text("metaTemplateId"));
        assertThat(GRAPH.templates(account)).isEmpty();
        awaitTemplate(id, t -> "DELETED".equals(t.path("status").asText()));
        assertThat(owner.post(path("/templates/" + id + "/messages"), send).status()).isEqualTo(404);
        assertThat(owner.delete(path("/templates/" + id)).status()).isEqualTo(404);
    }

    @Test
    void aRejectedTemplateKeepsItsReasonAndCannotBeSent() {
        owner.put(path("/settings/whatsapp-account"), Map.of("whatsAppBusinessAccountId", account));
        Map<String, Object> named = Map.of("name", "welcome_named", "language", "sw", "category", "MARKETING",
                "body", "Karibu {{first_name}}! Your code is {{code}}.",
                "bodyExamples", List.of(Map.of("name", "first_name", "example", "Amina"),
                        Map.of("name", "code", "example", "X1")));
        AdminClient.Response created = owner.post(path("/templates"), named);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode submitted = GRAPH.templateCalls(account).get(0).body();
        assertThat(submitted.path("parameter_format").asText()).isEqualTo("NAMED");
        assertThat(submitted.path("components").path(0).path("example").path("body_text_named_params").toString())
                .isEqualTo("[{\"param_name\":\"first_name\",\"example\":\"Amina\"},{\"param_name\":\"code\",\"example\":\"X1\"}]");
        AdminClient.Response twice = owner.post(path("/templates"), named);
        assertThat(twice.status()).as("the same name and language again").isEqualTo(409);

        new WebhookClient(port).postSigned(statusWebhook("welcome_named", "sw", "REJECTED", "INVALID_FORMAT"));
        JsonNode rejected = awaitTemplate(created.text("id"), t -> "REJECTED".equals(t.path("status").asText()));
        assertThat(rejected.path("statusReason").asText()).isEqualTo("INVALID_FORMAT");
        AdminClient.Response refused = owner.post(path("/templates/" + created.text("id") + "/messages"), Map.of(
                "to", "+254712000222", "body", List.of(Map.of("name", "first_name", "text", "Amina"),
                        Map.of("name", "code", "text", "X1"))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("template_not_approved");
        assertThat(GRAPH.sentTo("+254712000222")).isEmpty();

        AdminClient.Response invalid = owner.post(path("/templates"), Map.of("name", "Bad Name", "language", "en",
                "category", "UTILITY", "body", "Hello"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.text("code")).isEqualTo("invalid_template_name");
        assertThat(GRAPH.templateCalls(account)).as("refused before Meta was asked").hasSize(1);
    }

    @Test
    void aSyncReadsEveryPageImportsUnknownTemplatesAndRecordsDeletions() {
        owner.put(path("/settings/whatsapp-account"), Map.of("whatsAppBusinessAccountId", account));
        AdminClient.Response mine = owner.post(path("/templates"), ticketReminder("order_update"));
        assertThat(mine.status()).isEqualTo(201);
        for (int i = 0; i < 120; i++) {
            GRAPH.addTemplate(account, "promo_" + i, i % 2 == 0 ? "en" : "sw", "MARKETING", "APPROVED", "Offer " + i + " today");
        }
        // Meta approved ours meanwhile, and one template disappears from Meta's list
        GRAPH.templates(account).get(0).put("status", "APPROVED");
        AdminClient.Response synced = owner.post(path("/templates/sync"), Map.of());
        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(synced.body().path("listed").asInt()).isEqualTo(121);
        assertThat(GRAPH.templateCalls(account).stream().filter(c -> c.method().equals("GET")).count())
                .as("pages of 100").isEqualTo(2);
        awaitTemplate(mine.text("id"), t -> "APPROVED".equals(t.path("status").asText()));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode page;
        do {
            page = owner.get(path("/templates?limit=200")).body();
            sleep();
        } while (page.path("items").size() < 121 && Instant.now().isBefore(deadline));
        assertThat(page.path("items")).hasSize(121);
        JsonNode imported = null;
        for (JsonNode item : page.path("items")) {
            if (item.path("name").asText().equals("promo_7")) {
                imported = item;
            }
        }
        assertThat(imported).isNotNull();
        assertThat(imported.path("source").asText()).isEqualTo("imported");
        assertThat(imported.path("language").asText()).isEqualTo("sw");
        assertThat(imported.path("content").path("body").asText()).isEqualTo("Offer 7 today");

        GRAPH.templates(account).stream().filter(t -> t.path("name").asText().equals("promo_7")).findFirst()
                .ifPresent(t -> t.put("name", "renamed_elsewhere"));
        AdminClient.Response again = owner.post(path("/templates/sync"), Map.of());
        assertThat(again.body().path("deleted").asInt()).isEqualTo(1);
        awaitTemplate(imported.path("id").asText(), t -> "DELETED".equals(t.path("status").asText()));
    }

    @Test
    void aTemplateWebhookForAnUnknownAccountOrTemplateChangesNothing() {
        owner.put(path("/settings/whatsapp-account"), Map.of("whatsAppBusinessAccountId", account));
        AdminClient.Response created = owner.post(path("/templates"), ticketReminder("kept_pending"));
        awaitTemplate(created.text("id"), t -> "PENDING".equals(t.path("status").asText()));
        String other = account;
        account = "1" + account;
        assertThat(new WebhookClient(port).postSigned(statusWebhook("kept_pending", "en_US", "APPROVED", null))
                .statusCode()).isEqualTo(200);
        account = other;
        assertThat(new WebhookClient(port).postSigned(statusWebhook("never_made_here", "en_US", "APPROVED", null))
                .statusCode()).isEqualTo(200);
        // a later webhook for the template is applied, so the two before it were processed and changed nothing
        new WebhookClient(port).postSigned(statusWebhook("kept_pending", "en_US", "PAUSED", "LOW_QUALITY"));
        JsonNode paused = awaitTemplate(created.text("id"), t -> "PAUSED".equals(t.path("status").asText()));
        assertThat(paused.path("statusReason").asText()).isEqualTo("LOW_QUALITY");
        assertThat(owner.get(path("/templates")).body().path("items")).hasSize(1);
    }
}
