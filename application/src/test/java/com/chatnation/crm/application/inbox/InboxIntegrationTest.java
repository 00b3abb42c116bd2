package com.chatnation.crm.application.inbox;

import com.chatnation.crm.application.conversations.InboundMessageService;
import com.chatnation.crm.application.conversations.IncomingMessage;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.WebhookClient;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox end to end, against real PostgreSQL, the real webhook and the Graph API stand-in: a contact asks for a
 * person, the bot falls silent, an agent takes over and answers, the answer is billed, sent and tracked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final int AGENT_REPLY_PRICE = 2;
    private static final int UTILITY_PRICE = 3;
    private static final String PASSWORD = "an agent's long passphrase";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboundMessageService inbound;

    private AdminClient platform;
    private WebhookClient webhook;

    @BeforeEach
    void clients() {
        platform = new AdminClient("http://localhost:" + port);
        webhook = new WebhookClient(port);
    }

    /** An organization that prices agents' replies and utility templates. */
    private Conversations organization(long tokens) {
        return new Conversations(platform, tokens, List.of(
                Map.of("module", "inbox", "action", "agent_reply", "tokens", AGENT_REPLY_PRICE),
                Map.of("module", "templates", "action", "utility", "tokens", UTILITY_PRICE)));
    }

    record Member(String userId, AdminClient client) {
    }

    /** The owner invites a member with these roles, who sets a password and is logged in. */
    private Member invite(Conversations org, String... roles) {
        AdminClient.Response invited = org.admin.post(org.path("/invitations"), Map.of(
                "email", "staff-" + UUID.randomUUID() + "@example.com", "displayName", String.join("+", roles),
                "roles", List.of(roles)));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        AdminClient.Response session = new AdminClient(platform.baseUrl(), (String) null).post(
                "/api/v1/auth/invitations/accept", Map.of("token", invited.text("invitationToken"), "password", PASSWORD));
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        return new Member(invited.text("userId"), AdminClient.bearer(platform.baseUrl(), session.text("accessToken")));
    }

    private static String phone() {
        return "+2547" + (10_000_000 + ThreadLocalRandom.current().nextLong(89_999_999));
    }

    /** The contact writes over the real webhook. */
    private String writes(Conversations org, String contact, String text) {
        String wamid = "wamid.inbox." + UUID.randomUUID();
        assertThat(webhook.postSigned(WebhookClient.text(org.phoneNumberId, contact.substring(1), wamid, text))
                .statusCode()).isEqualTo(200);
        return wamid;
    }

    /** The contact's session as the inbox lists it under this filter, once it is there. */
    private JsonNode listed(Conversations org, AdminClient as, String filter, String contact) {
        return eventually(() -> {
            for (JsonNode item : as.get(org.path("/inbox?filter=" + filter)).body().path("items")) {
                if (contact.equals(item.path("contactPhone").asText())) {
                    return item;
                }
            }
            return null;
        }, item -> item != null, "the conversation of " + contact + " under filter " + filter);
    }

    private boolean isListed(Conversations org, AdminClient as, String filter, String contact) {
        for (JsonNode item : as.get(org.path("/inbox?filter=" + filter)).body().path("items")) {
            if (contact.equals(item.path("contactPhone").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aContactAsksForAPersonTheBotFallsSilentAndAnAgentTakesOverAndAnswers() {
        Conversations org = organization(50);
        Member agent = invite(org, "agent");
        String contact = phone();

        writes(org, contact, "Agent");
        assertThat(GRAPH.awaitSentTo(contact, 1).get(0).text()).isEqualTo("A member of our team will reply here shortly.");
        JsonNode waiting = listed(org, agent.client(), "waiting", contact);
        assertThat(waiting.path("inboxStatus").asText()).isEqualTo("waiting");
        assertThat(waiting.path("handoverReason").asText()).isEqualTo("contact_asked");
        assertThat(absent(waiting.path("assignedAgentId"))).isTrue();
        assertThat(waiting.path("windowClosesAt").isTextual()).isTrue();
        assertThat(waiting.path("windowSecondsLeft").asLong()).isBetween(86_000L, 86_400L);
        String sessionId = waiting.path("id").asText();
        assertThat(listed(org, agent.client(), "unassigned", contact).path("id").asText()).isEqualTo(sessionId);
        assertThat(isListed(org, agent.client(), "bot", contact)).isFalse();

        // the bot records the next message and says nothing
        String question = writes(org, contact, "Hello, is anyone there?");
        eventually(() -> jdbc.queryForList("SELECT 1 FROM messages WHERE id = ?", question), rows -> !rows.isEmpty(),
                "the contact's message in the transcript");
        sleep(1_000);
        assertThat(GRAPH.sentTo(contact)).hasSize(1);
        long before = org.balance();

        AdminClient.Response takenOver = agent.client().post(org.path("/inbox/" + sessionId + "/takeover"), Map.of());
        assertThat(takenOver.status()).as(takenOver.toString()).isEqualTo(204);
        JsonNode mine = listed(org, agent.client(), "mine", contact);
        assertThat(mine.path("inboxStatus").asText()).isEqualTo("assigned");
        assertThat(mine.path("assignedAgentId").asText()).isEqualTo(agent.userId());
        assertThat(isListed(org, agent.client(), "unassigned", contact)).isFalse();
        assertThat(isListed(org, org.admin, "mine", contact)).as("another member's").isFalse();

        AdminClient.Response replied = agent.client().post(org.path("/inbox/" + sessionId + "/replies"),
                Map.of("text", "Hi, this is Wanjiru. How can I help?"));
        assertThat(replied.status()).as(replied.toString()).isEqualTo(202);
        String replyId = replied.text("replyId");
        GraphApiStandIn.Sent sent = GRAPH.awaitSentTo(contact, 2).get(1);
        assertThat(sent.text()).isEqualTo("Hi, this is Wanjiru. How can I help?");
        assertThat(sent.phoneNumberId()).isEqualTo(org.phoneNumberId);

        Map<String, Object> charge = eventually(() -> jdbc.queryForList("""
                        SELECT module, action, amount FROM token_transactions
                        WHERE organization_id = ? AND reference_id = ? AND type = 'debit'""", org.organizationId, replyId),
                rows -> !rows.isEmpty(), "the reply's charge").get(0);
        assertThat(charge).containsEntry("module", "inbox").containsEntry("action", "agent_reply");
        assertThat(((Number) charge.get("amount")).longValue()).isEqualTo(AGENT_REPLY_PRICE);
        assertThat(eventually(org::balance, balance -> balance == before - AGENT_REPLY_PRICE, "the balance"))
                .isEqualTo(before - AGENT_REPLY_PRICE);

        String wamid = (String) eventually(() -> jdbc.queryForList(
                        "SELECT wamid FROM messages WHERE id = ? AND wamid IS NOT NULL", replyId),
                rows -> !rows.isEmpty(), "the reply's wamid").get(0).get("wamid");
        webhook.postSigned(WebhookClient.status(org.phoneNumberId, contact.substring(1), wamid, "delivered", null));
        eventually(() -> jdbc.queryForList("SELECT 1 FROM messages WHERE id = ? AND status = 'delivered'", replyId),
                rows -> !rows.isEmpty(), "the delivered tick");

        AdminClient.Response noted = agent.client().post(org.path("/inbox/" + sessionId + "/notes"),
                Map.of("text", "Wants to change the date of order 44"));
        assertThat(noted.status()).as(noted.toString()).isEqualTo(201);

        JsonNode detail = eventually(() -> agent.client().get(org.path("/inbox/" + sessionId)).body(),
                body -> body.path("notes").size() == 1 && !absent(body.path("conversation").path("firstHumanResponseAt")),
                "the note and the first response in the detail");
        assertThat(detail.path("conversation").path("assignedAgentId").asText()).isEqualTo(agent.userId());
        assertThat(absent(detail.path("conversation").path("awaitingAgentSince"))).as("answered").isTrue();
        assertThat(detail.path("notes").get(0).path("text").asText()).isEqualTo("Wants to change the date of order 44");
        assertThat(detail.path("notes").get(0).path("agentId").asText()).isEqualTo(agent.userId());
        List<JsonNode> transcript = new ArrayList<>();
        detail.path("transcript").path("items").forEach(transcript::add);
        JsonNode reply = transcript.stream().filter(m -> replyId.equals(m.path("id").asText())).findFirst().orElseThrow();
        assertThat(reply.path("status").asText()).isEqualTo("delivered");
        assertThat(reply.path("agentId").asText()).isEqualTo(agent.userId());
        assertThat(reply.path("text").asText()).isEqualTo("Hi, this is Wanjiru. How can I help?");
        assertThat(reply.path("deliveredAt").isTextual()).isTrue();
        assertThat(transcript).extracting(m -> m.path("direction").asText())
                .containsExactlyInAnyOrder("inbound", "outbound", "inbound", "outbound");

        assertThat(rollup(org, "inbox.handovers", "contact_asked")).isEqualByComparingTo("1");
        Map<String, Object> firstResponse = eventually(() -> jdbc.queryForList("""
                        SELECT value, facts FROM daily_rollups WHERE organization_id = ?
                        AND metric = 'inbox.first_response_seconds'""", org.organizationId), rows -> !rows.isEmpty(),
                "the first response time").get(0);
        assertThat(firstResponse).containsEntry("facts", 1L);
        assertThat((BigDecimal) firstResponse.get("value")).isPositive();

        // handed back, the bot answers again
        assertThat(agent.client().post(org.path("/inbox/" + sessionId + "/handback"), Map.of()).status()).isEqualTo(204);
        assertThat(listed(org, agent.client(), "bot", contact).path("resolvedAt").isTextual()).isTrue();
        writes(org, contact, "menu");
        assertThat(GRAPH.awaitSentTo(contact, 3).get(2).body().path("type").asText()).isEqualTo("interactive");
        eventually(() -> jdbc.queryForList("""
                        SELECT 1 FROM daily_rollups WHERE organization_id = ? AND metric = 'inbox.resolution_seconds'
                        AND dimension = 'handed_back' AND facts = 1""", org.organizationId), rows -> !rows.isEmpty(),
                "the resolution time");
    }

    @Test
    void anAgentsReplyWaitsForTokensWhenTheWalletIsEmpty() {
        Conversations org = organization(0);
        Member agent = invite(org, "agent");
        String contact = phone();
        writes(org, contact, "human"); // the bot's promise (general/reply, 1 token) is held too
        String sessionId = listed(org, agent.client(), "waiting", contact).path("id").asText();

        AdminClient.Response replied = agent.client().post(org.path("/inbox/" + sessionId + "/replies"),
                Map.of("text", "We are on it"));
        assertThat(replied.status()).as(replied.toString()).isEqualTo(202);
        String replyId = replied.text("replyId");
        eventually(() -> jdbc.queryForList("SELECT 1 FROM messages WHERE id = ? AND status = 'held'", replyId),
                rows -> !rows.isEmpty(), "the held reply");
        sleep(300);
        assertThat(GRAPH.sentTo(contact)).isEmpty();

        org.purchase("top-up", 10);
        assertThat(GRAPH.awaitSentTo(contact, 2)).extracting(GraphApiStandIn.Sent::text).as("in order")
                .containsExactly("A member of our team will reply here shortly.", "We are on it");
        assertThat(eventually(org::balance, balance -> balance == 10 - 1 - AGENT_REPLY_PRICE, "the balance"))
                .isEqualTo(10L - 1 - AGENT_REPLY_PRICE);
    }

    @Test
    void outsideTheWindowAFreeFormReplyIsRefusedAndAnApprovedTemplateGoesOut() {
        Conversations org = organization(20);
        String account = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        assertThat(org.admin.put(org.path("/settings/whatsapp-account"), Map.of("whatsAppBusinessAccountId", account))
                .status()).isEqualTo(200);
        String templateId = approve(org, account, "follow_up", "Hello again! {{1}} Reply to continue.");
        String contact = phone();
        Instant wrote = Instant.now().minus(Duration.ofHours(25)).truncatedTo(ChronoUnit.SECONDS);
        inbound.receive(new IncomingMessage(org.organizationId, PhoneNumber.of(contact), "Jane",
                "wamid.inbox." + UUID.randomUUID(), wrote, new MessageContent.Text("hello"), MessageContext.NONE));
        String sessionId = (String) eventually(() -> jdbc.queryForList("""
                        SELECT id FROM conversations WHERE organization_id = ? AND contact_phone = ?""",
                org.organizationId, contact), rows -> !rows.isEmpty(), "the session").get(0).get("id");
        long before = org.balance();
        JsonNode closedWindow = org.admin.get(org.path("/inbox/" + sessionId)).body().path("conversation");
        assertThat(Instant.parse(closedWindow.path("windowClosesAt").asText())).isEqualTo(wrote.plus(Duration.ofHours(24)));
        assertThat(closedWindow.path("windowSecondsLeft").asLong()).isZero();

        AdminClient.Response freeForm = org.admin.post(org.path("/inbox/" + sessionId + "/replies"),
                Map.of("text", "Are you still there?"));
        assertThat(freeForm.status()).as(freeForm.toString()).isEqualTo(422);
        assertThat(freeForm.text("code")).isEqualTo("window_closed");

        AdminClient.Response tooMany = org.admin.post(org.path("/inbox/" + sessionId + "/replies"),
                Map.of("templateId", templateId, "parameters", List.of("a", "b")));
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);

        AdminClient.Response templated = org.admin.post(org.path("/inbox/" + sessionId + "/replies"),
                Map.of("templateId", templateId, "parameters", List.of("Your order is ready.")));
        assertThat(templated.status()).as(templated.toString()).isEqualTo(202);
        GraphApiStandIn.Sent sent = GRAPH.awaitSentTo(contact, 1).get(0);
        assertThat(sent.body().path("type").asText()).isEqualTo("template");
        assertThat(sent.body().path("template").path("name").asText()).isEqualTo("follow_up");
        assertThat(sent.body().path("template").path("components").get(0).path("parameters").get(0).path("text")
                .asText()).isEqualTo("Your order is ready.");
        assertThat(eventually(org::balance, balance -> balance == before - UTILITY_PRICE, "the balance"))
                .as("charged at the template's category").isEqualTo(before - UTILITY_PRICE);
        String replyId = templated.text("replyId");
        Map<String, Object> row = eventually(() -> jdbc.queryForList(
                        "SELECT status, template_name, agent_id FROM messages WHERE id = ? AND status = 'sent'", replyId),
                rows -> !rows.isEmpty(), "the template reply in the transcript").get(0);
        assertThat(row).containsEntry("template_name", "follow_up");
    }

    @Test
    void assigningTakesOnlyAnActiveMemberWhoAnswersConversations() {
        Conversations org = organization(20);
        Member agent = invite(org, "agent");
        Member viewer = invite(org, "viewer");
        String contact = phone();
        writes(org, contact, "hi");
        GRAPH.awaitSentTo(contact, 1);
        String sessionId = listed(org, org.admin, "bot", contact).path("id").asText();

        AdminClient.Response toViewer = org.admin.post(org.path("/inbox/" + sessionId + "/assignment"),
                Map.of("agentId", viewer.userId()));
        assertThat(toViewer.status()).as(toViewer.toString()).isEqualTo(422);
        assertThat(toViewer.text("code")).isEqualTo("invalid_agent");
        AdminClient.Response toStranger = org.admin.post(org.path("/inbox/" + sessionId + "/assignment"),
                Map.of("agentId", UUID.randomUUID().toString()));
        assertThat(toStranger.text("code")).isEqualTo("invalid_agent");

        AdminClient.Response assigned = org.admin.post(org.path("/inbox/" + sessionId + "/assignment"),
                Map.of("agentId", agent.userId()));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(204);
        JsonNode mine = listed(org, agent.client(), "mine", contact);
        assertThat(mine.path("handoverReason").asText()).as("a bot conversation is handed over with it")
                .isEqualTo("agent_took_over");
        assertThat(isListed(org, agent.client(), "waiting", contact)).as("the contact asked for nothing").isFalse();

        // a person holds it: the bot says nothing to the contact's next message
        writes(org, contact, "menu");
        sleep(1_000);
        assertThat(GRAPH.sentTo(contact)).hasSize(1);
        assertThat(listed(org, agent.client(), "waiting", contact).path("awaitingAgentSince").isTextual()).isTrue();

        AdminClient.Response closed = agent.client().post(org.path("/inbox/" + sessionId + "/close"), Map.of());
        assertThat(closed.status()).as(closed.toString()).isEqualTo(204);
        assertThat(listed(org, agent.client(), "closed", contact).path("endReason").asText()).isEqualTo("closed_by_agent");
        AdminClient.Response again = agent.client().post(org.path("/inbox/" + sessionId + "/handback"), Map.of());
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("code")).isEqualTo("no_active_conversation");

        // a new session starts with the bot
        writes(org, contact, "hi");
        assertThat(GRAPH.awaitSentTo(contact, 2).get(1).body().path("type").asText()).isEqualTo("interactive");
        assertThat(rollup(org, "inbox.resolution_seconds", "closed")).isNotNull();
    }

    @Test
    void anotherOrganizationsConversationIsNotFoundAViewerMayOnlyReadAndAKeyIsNoAgent() {
        Conversations org = organization(20);
        Conversations other = organization(20);
        Member viewer = invite(org, "viewer");
        String contact = phone();
        writes(org, contact, "agent");
        String sessionId = listed(org, org.admin, "waiting", contact).path("id").asText();

        assertThat(other.admin.get(other.path("/inbox/" + sessionId)).status()).isEqualTo(404);
        AdminClient.Response foreign = other.admin.post(other.path("/inbox/" + sessionId + "/takeover"), Map.of());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.text("code")).isEqualTo("not_found");
        assertThat(other.admin.post(other.path("/inbox/" + sessionId + "/replies"), Map.of("text", "hi")).status())
                .isEqualTo(404);
        assertThat(isListed(other, other.admin, "waiting", contact)).isFalse();

        assertThat(viewer.client().get(org.path("/inbox?filter=waiting")).status()).isEqualTo(200);
        assertThat(viewer.client().get(org.path("/inbox/" + sessionId)).status()).isEqualTo(200);
        assertThat(viewer.client().post(org.path("/inbox/" + sessionId + "/takeover"), Map.of()).status())
                .isEqualTo(403);
        assertThat(viewer.client().post(org.path("/inbox/" + sessionId + "/replies"), Map.of("text", "hi")).status())
                .isEqualTo(403);

        AdminClient.Response issued = org.admin.post(org.path("/api-keys"), Map.of("name", "crm sync",
                "scopes", List.of("write")));
        AdminClient key = AdminClient.bearer(platform.baseUrl(), issued.text("key"));
        assertThat(key.get(org.path("/inbox?filter=waiting")).status()).isEqualTo(200);
        AdminClient.Response byKey = key.post(org.path("/inbox/" + sessionId + "/takeover"), Map.of());
        assertThat(byKey.status()).isEqualTo(422);
        assertThat(byKey.text("code")).isEqualTo("agent_required");
        assertThat(key.get(org.path("/inbox?filter=mine")).text("code")).isEqualTo("agent_required");
        assertThat(org.admin.get(org.path("/inbox?filter=everything")).status()).isEqualTo(400);
    }

    @Test
    void theOrganizationsHandoverSettingsApplyToItsContacts() {
        Conversations org = organization(20);
        JsonNode defaults = org.admin.get(org.path("/settings/handover")).body();
        assertThat(defaults.path("words").toString()).contains("AGENT", "MTU");
        assertThat(defaults.path("notUnderstoodLimit").asInt()).isEqualTo(3);

        AdminClient.Response refused = org.admin.put(org.path("/settings/handover"), Map.of("words", List.of("operator"),
                "businessHours", Map.of("timeZone", "Africa/Nairobi", "days", List.of("FUNDAY"), "opensAt", "08:00",
                        "closesAt", "17:00", "outOfHoursReply", "Closed")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("invalid_business_hours");

        // every day but today in Nairobi: the team is out whenever this test runs
        java.time.DayOfWeek today = Instant.now().atZone(java.time.ZoneId.of("Africa/Nairobi")).getDayOfWeek();
        List<String> otherDays = java.util.Arrays.stream(java.time.DayOfWeek.values()).filter(day -> day != today)
                .map(java.time.DayOfWeek::name).toList();
        AdminClient.Response changed = org.admin.put(org.path("/settings/handover"), Map.of("words",
                List.of("Operator"), "businessHours", Map.of("timeZone", "Africa/Nairobi", "days", otherDays,
                        "opensAt", "00:00", "closesAt", "23:59", "outOfHoursReply", "We are closed today."),
                "notUnderstoodLimit", 0));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().path("words").toString()).isEqualTo("[\"OPERATOR\"]");
        assertThat(org.admin.get(org.path("/settings/handover")).body().path("businessHours").path("outOfHoursReply")
                .asText()).isEqualTo("We are closed today.");
        sleep(5_500); // what messages see is kept for five seconds

        String contact = phone();
        writes(org, contact, "operator");
        assertThat(GRAPH.awaitSentTo(contact, 1).get(0).text()).isEqualTo("We are closed today.");
        assertThat(listed(org, org.admin, "unassigned", contact).path("handoverReason").asText())
                .isEqualTo("contact_asked");
    }

    private String approve(Conversations org, String account, String name, String body) {
        AdminClient.Response created = org.admin.post(org.path("/templates"), Map.of("name", name, "language", "en",
                "category", "UTILITY", "body", body,
                "bodyExamples", List.of(Map.of("name", "1", "example", "Your order is ready."))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(webhook.postSigned("""
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{"field":
                "message_template_status_update","value":{"event":"APPROVED","message_template_id":%s,
                "message_template_name":"%s","message_template_language":"en","reason":"NONE"}}]}]}"""
                .formatted(account, Instant.now().getEpochSecond(), created.text("metaTemplateId"), name))
                .statusCode()).isEqualTo(200);
        eventually(() -> org.admin.get(org.path("/templates/" + id)).body().path("status").asText(),
                "APPROVED"::equals, "the template's approval");
        return id;
    }

    private BigDecimal rollup(Conversations org, String metric, String dimension) {
        return (BigDecimal) eventually(() -> jdbc.queryForList("""
                        SELECT value FROM daily_rollups WHERE organization_id = ? AND metric = ? AND dimension = ?""",
                org.organizationId, metric, dimension), rows -> !rows.isEmpty(), metric).get(0).get("value");
    }

    /** Null members are left out of answers. */
    private static boolean absent(JsonNode member) {
        return member.isMissingNode() || member.isNull();
    }

    private static <T> T eventually(Supplier<T> value, Predicate<T> done, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not come within 20 seconds; last seen: " + last);
            }
            sleep(100);
            last = value.get();
        }
        return last;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
