package com.chatnation.crm.application.inbox;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.WebhookClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team inbox in a real browser, with the real webhook and the Graph API stand-in: a contact asks for a person
 * and shows up without a reload, an agent takes over and answers, the answer reaches the stand-in and its ticks move
 * as status webhooks arrive; a viewer reads along but gets no buttons, and the server refuses them anyway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxBrowserTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final Duration LIVE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAgentTakesOverFromTheInboxAndTheContactGetsTheAnswer() {
        String base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        AdminClient.Onboarded organization = platform.onboard(Map.of("name", "Inbox Org",
                "phoneNumberId", phoneNumberId, "lowBalanceThreshold", 0, "prices", List.of(
                        Map.of("module", "general", "action", "reply", "tokens", 1),
                        Map.of("module", "inbox", "action", "agent_reply", "tokens", 2))));
        platform.post("/admin/organizations/" + organization.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "mpesa-" + UUID.randomUUID(), "amount", 50));
        TeamMembers.Member agent = TeamMembers.invite(organization, "agent");
        TeamMembers.Member viewer = TeamMembers.invite(organization, "viewer");
        WebhookClient webhook = new WebhookClient(port);
        String contact = "2547" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));

        Browser browser = Browser.at(base).logIn(agent).open("/app/inbox?filter=waiting");
        browser.find(By.id("inbox-list"));

        // the contact asks for a person: the conversation appears in the open page without a reload
        webhook.postSigned(WebhookClient.text(phoneNumberId, contact, "wamid.in-" + UUID.randomUUID(), "agent"));
        WebElement listed = browser.waitFor(LIVE, driver -> driver.findElements(By.cssSelector(".conversation-link"))
                .stream().filter(link -> link.getText().contains(contact) || link.getText().contains("Test Contact"))
                .findFirst().orElse(null));
        browser.screenshot("inbox-list");
        listed.click();
        assertThat(browser.textOf(By.id("inbox-status"))).isEqualTo("Waiting");
        assertThat(browser.textOf(By.id("window"))).contains("closes in 23 h");

        webhook.postSigned(WebhookClient.text(phoneNumberId, contact, "wamid.in-" + UUID.randomUUID(),
                "Hello, is anyone there?"));
        browser.waitFor(LIVE, driver -> driver.findElement(By.id("transcript")).getText()
                .contains("Hello, is anyone there?"));

        browser.find(By.id("take-over")).click();
        browser.waitFor(LIVE, driver -> driver.findElement(By.id("inbox-status")).getText().equals("Assigned"));
        assertThat(browser.textOf(By.id("assignee"))).contains("Member agent");

        browser.find(By.id("reply-text")).sendKeys("Hi, this is Amina. How can I help?");
        browser.find(By.cssSelector("#reply-form button[type=submit]")).click();
        GraphApiStandIn.Sent sent = GRAPH.awaitSentTo("+" + contact, 2).get(1);
        assertThat(sent.text()).isEqualTo("Hi, this is Amina. How can I help?");

        String wamid = browser.waitFor(LIVE, driver -> jdbc.queryForList("""
                SELECT wamid FROM messages WHERE organization_id = ? AND action = 'agent_reply'
                AND wamid IS NOT NULL""", String.class, organization.organizationId()).stream().findFirst()
                .orElse(null));
        String replyBubble = "#transcript .bubble.outbound[data-status='%s']";
        browser.waitFor(LIVE, driver -> !driver.findElements(By.cssSelector(replyBubble.formatted("sent"))).isEmpty());
        webhook.postSigned(WebhookClient.status(phoneNumberId, contact, wamid, "delivered", null));
        browser.waitFor(LIVE, driver -> !driver.findElements(By.cssSelector(replyBubble.formatted("delivered"))).isEmpty());
        webhook.postSigned(WebhookClient.status(phoneNumberId, contact, wamid, "read", null));
        WebElement read = browser.waitFor(LIVE, driver -> driver.findElements(By.cssSelector(replyBubble.formatted("read")))
                .stream().findFirst().orElse(null));
        assertThat(read.findElement(By.cssSelector(".ticks")).getAttribute("aria-label")).isEqualTo("Read");

        browser.find(By.id("note-text")).sendKeys("Asked about VIP tickets; call back tomorrow.");
        browser.find(By.cssSelector("#note-form button[type=submit]")).click();
        browser.waitFor(LIVE, driver -> driver.findElement(By.id("transcript")).getText()
                .contains("Asked about VIP tickets"));
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));
        browser.screenshot("inbox");
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        String sessionId = browser.driver().getCurrentUrl().replaceAll(".*/app/inbox/([^?]+).*", "$1");

        // a viewer reads along without buttons, and the server refuses the actions anyway
        Browser asViewer = Browser.at(base).logIn(viewer).open("/app/inbox/" + sessionId);
        assertThat(asViewer.textOf(By.id("transcript"))).contains("Hi, this is Amina");
        assertThat(asViewer.driver().findElements(By.id("reply-form"))).isEmpty();
        assertThat(asViewer.driver().findElements(By.id("take-over"))).isEmpty();
        DashboardSession viewerSession = DashboardSession.logIn(base, viewer);
        assertThat(viewerSession.post("/app/inbox/" + sessionId + "/replies", Map.of("text", "hi")).status())
                .isEqualTo(403);
        assertThat(GRAPH.sentTo("+" + contact)).hasSize(2);

        // the agent hands the conversation back: the bot holds it again
        Browser.at(base).logIn(agent).open("/app/inbox/" + sessionId).find(By.id("hand-back")).click();
        String status = browser.waitFor(LIVE, driver -> {
            String shown = driver.findElement(By.id("inbox-status")).getText();
            return shown.equals("Bot") ? shown : null;
        });
        assertThat(status).isEqualTo("Bot");
    }

    @Test
    void anotherOrganizationsConversationIsNotFound() {
        String base = "http://localhost:" + port;
        AdminClient.Onboarded other = new AdminClient(base).onboardOrganizationWithOwner();
        DashboardSession owner = DashboardSession.logIn(base, TeamMembers.owner(other));
        String someSession = jdbc.queryForList("SELECT id FROM conversations LIMIT 1", String.class).stream()
                .findFirst().orElse("no-such-session");
        assertThat(owner.get("/app/inbox/" + someSession).status()).isEqualTo(404);
        assertThat(owner.post("/app/inbox/" + someSession + "/takeover", Map.of()).status()).isEqualTo(404);
    }
}
