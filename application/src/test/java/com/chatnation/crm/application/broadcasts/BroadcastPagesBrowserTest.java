package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static com.chatnation.crm.application.broadcasts.BroadcastOrganization.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template, broadcast and compose pages in a real browser, against the Graph API stand-in: an organization with
 * an approved template and a saved audience of {@value #AUDIENCE} contacts composes a broadcast (size and cost shown
 * before sending), sends it from the page and follows it live; an editor whose wallet cannot pay sees the
 * shortfall on the form; a viewer sees broadcasts but may not change them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BroadcastPagesBrowserTest {

    private static final int AUDIENCE = 5;
    private static final long TOKENS = 1_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final GraphApiStandIn graph = GraphApiStandIn.shared();
    private String base;
    private BroadcastOrganization org;
    private String audienceId;
    private final Map<String, String> names = new LinkedHashMap<>();
    private String refusedPhone;
    private String draftId;
    private TeamMembers.Member editor;
    private TeamMembers.Member viewer;

    @BeforeAll
    void organizationWithATemplateAndAnAudience() throws Exception {
        base = "http://localhost:" + port;
        org = new BroadcastOrganization(port, TOKENS);
        org.approvedTemplate("launch_night");
        org.sendRate(4);
        String prefix = "+2547" + ThreadLocalRandom.current().nextInt(10, 99) + ThreadLocalRandom.current().nextInt(100, 999);
        StringBuilder csv = new StringBuilder("phone,name,tags,consent\n");
        for (int i = 0; i < AUDIENCE; i++) {
            String phone = prefix + String.format("%03d", i);
            names.put(phone, "Guest " + i);
            csv.append(phone).append(",Guest ").append(i).append(",launch,opted_in\n");
        }
        refusedPhone = prefix + "004";
        graph.failFor(refusedPhone.substring(1), 400, 131026, "Message undeliverable");
        audienceId = org.audience(csv.toString(), "launch", AUDIENCE);
        draftId = org.draft("Kept for later", audienceId);
        editor = TeamMembers.invite(org.onboarded, "editor");
        viewer = TeamMembers.invite(org.onboarded, "viewer");
    }

    @Test
    void composingShowsSizeAndCostAndSendingFromThePageIsFollowedLive() throws Exception {
        Browser browser = Browser.at(base).logIn(editor);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/broadcasts']")).click();
        browser.find(By.id("compose-link")).click();
        browser.find(By.id("name")).sendKeys("Launch night");
        new Select(browser.find(By.id("templateId"))).selectByValue(org.templateId);
        // the form comes back with the template's parameter, keeping what was typed
        new Select(browser.find(By.id("param-0-source"))).selectByValue("name");
        assertThat(browser.find(By.id("template-body")).getText()).contains("Hi {{1}}, see you at TechExpo!");
        assertThat(browser.find(By.id("name")).getAttribute("value")).isEqualTo("Launch night");
        browser.find(By.id("param-0-value")).sendKeys("friend");
        new Select(browser.find(By.id("audienceId"))).selectByValue(audienceId);
        browser.waitFor(ExpectedConditions.textToBe(By.cssSelector("#audience-size strong"), Integer.toString(AUDIENCE)));
        assertThat(browser.find(By.cssSelector("#recipients strong")).getText()).isEqualTo(Integer.toString(AUDIENCE));
        assertThat(browser.find(By.cssSelector("#price strong")).getText()).isEqualTo(Long.toString(PRICE));
        assertThat(browser.find(By.cssSelector("#cost-tokens strong")).getText())
                .isEqualTo(Long.toString(AUDIENCE * PRICE));
        long available = org.wallet().path("available").asLong();
        assertThat(browser.find(By.cssSelector("#tokens-available strong")).getText()).isEqualTo(Long.toString(available));
        assertThat(driver.findElements(By.id("cost-shortfall"))).isEmpty();
        browser.screenshotOfWholePage("broadcast-compose");

        browser.find(By.id("send-now")).click();
        browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
        browser.waitFor(ExpectedConditions.urlMatches(".*/app/broadcasts/[^/]+$"));
        String broadcastId = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
        ((JavascriptExecutor) driver).executeScript("window.crmTestMarker = 'not reloaded';");

        // the messages reach WhatsApp (the stand-in) with each contact's name in the parameter
        for (Map.Entry<String, String> contact : names.entrySet()) {
            if (contact.getKey().equals(refusedPhone)) {
                continue;
            }
            GraphApiStandIn.Sent sent = graph.awaitSentTo(contact.getKey(), 1).get(0);
            assertThat(sent.body().path("template").path("name").asText()).isEqualTo("launch_night");
            assertThat(sent.body().path("template").path("components").get(0).path("parameters").get(0)
                    .path("text").asText()).isEqualTo(contact.getValue());
        }
        int accepted = AUDIENCE - 1;
        Duration patience = Duration.ofSeconds(30);
        browser.waitFor(patience, ExpectedConditions.textToBe(By.cssSelector("#count-sent strong"), Integer.toString(accepted)));
        browser.waitFor(patience, ExpectedConditions.textToBe(By.cssSelector("#count-failed strong"), "1"));
        assertThat(browser.find(By.cssSelector("#failures tbody tr")).getText()).startsWith("131026 ").endsWith(" 1");
        assertThat(browser.find(By.cssSelector("#count-delivered strong")).getText()).isEqualTo("0");

        // WhatsApp reports deliveries and reads: the open page's counts follow by themselves
        Map<String, String> wamids = wamids(broadcastId, accepted);
        WebhookClient webhooks = new WebhookClient(port);
        List<String> phones = new ArrayList<>(wamids.keySet());
        for (int i = 0; i < phones.size(); i++) {
            String digits = phones.get(i).substring(1);
            assertThat(webhooks.postSigned(WebhookClient.status(org.phoneNumberId, digits, wamids.get(phones.get(i)),
                    "delivered", null)).statusCode()).isEqualTo(200);
            if (i < 2) {
                assertThat(webhooks.postSigned(WebhookClient.status(org.phoneNumberId, digits,
                        wamids.get(phones.get(i)), "read", null)).statusCode()).isEqualTo(200);
            }
        }
        browser.waitFor(patience, ExpectedConditions.textToBe(By.cssSelector("#count-delivered strong"),
                Integer.toString(accepted)));
        browser.waitFor(patience, ExpectedConditions.textToBe(By.cssSelector("#count-read strong"), "2"));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.crmTestMarker;"))
                .as("the counts moved without the page reloading").isEqualTo("not reloaded");
        List<?> funnel = (List<?>) ((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart('funnel-chart').data.datasets[0].data;");
        assertThat(funnel.stream().map(n -> ((Number) n).longValue()).toList())
                .as("queued, left out, sent, delivered, read, replied, failed")
                .containsExactly(0L, 0L, (long) accepted, (long) accepted, 2L, 0L, 1L);
        browser.waitFor(patience, ExpectedConditions.textToBe(By.id("broadcast-status"), "Completed"));
        browser.screenshotOfWholePage("broadcast-detail");

        // the list shows it with its counts, and exports them
        browser.find(By.cssSelector(".app-menu a[href='/app/broadcasts']")).click();
        String row = "tr[data-broadcast='" + broadcastId + "'] ";
        assertThat(browser.find(By.cssSelector(row + ".audience")).getText()).isEqualTo(Integer.toString(AUDIENCE));
        assertThat(browser.find(By.cssSelector(row + ".sent")).getText()).isEqualTo(Integer.toString(accepted));
        assertThat(browser.find(By.cssSelector(row + ".read")).getText()).isEqualTo("2");
        assertThat(browser.find(By.cssSelector(row + ".failed")).getText()).isEqualTo("1");
        browser.screenshotOfWholePage("broadcasts");
        DashboardSession session = DashboardSession.logIn(base, editor);
        DashboardSession.Page csv = session.get("/app/broadcasts?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(broadcastId + ",Launch night,launch_night,en,MARKETING,completed,"
                + AUDIENCE + ",0,0," + accepted + "," + accepted + ",2,1,0,");
        DashboardSession.Page failures = session.get("/app/broadcasts/" + broadcastId + "?format=csv");
        List<String> failureLines = failures.body().lines().toList();
        assertThat(failureLines).hasSize(2);
        assertThat(failureLines.get(0)).isEqualTo("\uFEFFerror_code,title,recipients");
        assertThat(failureLines.get(1)).startsWith("131026,").endsWith(",1");
    }

    @Test
    void anEditorWhoseWalletCannotPaySeesTheShortfallOnTheFormAndNothingIsSent() throws Exception {
        BroadcastOrganization poor = new BroadcastOrganization(port, 5);
        poor.approvedTemplate("poor_invite");
        String prefix = "+2547" + ThreadLocalRandom.current().nextInt(10, 99) + ThreadLocalRandom.current().nextInt(100, 999);
        StringBuilder csv = new StringBuilder("phone,name,tags,consent\n");
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            phones.add(prefix + String.format("%03d", i));
            csv.append(phones.get(i)).append(",Fan ").append(i).append(",fans,opted_in\n");
        }
        String fans = poor.audience(csv.toString(), "fans", 4);
        TeamMembers.Member poorEditor = TeamMembers.invite(poor.onboarded, "editor");

        Browser browser = Browser.at(base).logIn(poorEditor);
        browser.open("/app/broadcasts/new");
        browser.find(By.id("name")).sendKeys("Too big");
        new Select(browser.find(By.id("templateId"))).selectByValue(poor.templateId);
        browser.find(By.id("param-0-value")).sendKeys("friend");
        new Select(browser.find(By.id("audienceId"))).selectByValue(fans);
        // 4 recipients × 2 tokens = 8, and 5 are available
        assertThat(browser.find(By.id("cost-shortfall")).getText()).contains("3 tokens short");
        browser.find(By.id("send-now")).click();
        browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
        String refusal = browser.find(By.id("form-refusal")).getText();
        assertThat(refusal).contains("costs 8 tokens").contains("5 are available").contains("3 short");
        assertThat(browser.find(By.id("name")).getAttribute("value")).as("what was typed stays").isEqualTo("Too big");
        browser.screenshotOfWholePage("broadcast-compose-shortfall");
        assertThat(browser.sidewaysScrollOnAPhone("/app/broadcasts/new?templateId=" + poor.templateId + "&audienceId=" + fans, By.tagName("h1")))
                .as("the compose page scrolls sideways on a phone").isLessThanOrEqualTo(0);

        DashboardSession session = DashboardSession.logIn(base, poorEditor);
        session.get("/app/broadcasts/new");
        DashboardSession.Page refused = session.post("/app/broadcasts", Map.of("name", "Too big", "templateId",
                poor.templateId, "audienceId", fans, "params[0].source", "text", "params[0].value", "friend",
                "action", "send"));
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.body()).contains("3 short");
        // a parameter that does not fit is explained beside it, and odd input is no server error
        DashboardSession.Page misfit = session.post("/app/broadcasts", Map.of("name", "Misfit", "templateId",
                poor.templateId, "audienceId", fans, "params[0].source", "attribute", "params[0].value", "friend",
                "action", "draft"));
        assertThat(misfit.status()).isEqualTo(400);
        assertThat(misfit.body()).contains("id=\"param-0-error\"").contains("names the attribute");
        assertThat(session.post("/app/broadcasts", Map.of("name", "Odd", "params[300].source", "text",
                "action", "draft")).status()).isEqualTo(400);
        assertThat(poor.owner.get(poor.path + "/broadcasts").body().path("items")).as("no broadcast was made").isEmpty();
        assertThat(poor.wallet().path("reserved").asLong()).isZero();
        for (String phone : phones) {
            assertThat(graph.sentTo(phone)).isEmpty();
        }

        // scheduling needs a time after now, and then waits for it (the tokens are reserved when it starts)
        Map<String, String> later = new HashMap<>(Map.of("name", "Later", "templateId", poor.templateId,
                "audienceId", fans, "params[0].source", "text", "params[0].value", "friend", "action", "schedule",
                "sendAt", "2020-01-01T10:00"));
        DashboardSession.Page past = session.post("/app/broadcasts", later);
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body()).contains("id=\"sendAt-error\"");
        String when = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(2)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        later.put("sendAt", when);
        DashboardSession.Page scheduled = session.post("/app/broadcasts", later);
        assertThat(scheduled.status()).isEqualTo(302);
        DashboardSession.Page detail = session.get(scheduled.location().replace(base, ""));
        assertThat(detail.body()).contains("data-status=\"scheduled\"").contains(when.replace('T', ' '));

        // saving a draft sends nothing and leaves it to send, schedule or cancel on its page
        later.put("action", "draft");
        later.put("name", "Just a draft");
        later.remove("sendAt");
        DashboardSession.Page drafted = session.post("/app/broadcasts", later);
        assertThat(drafted.status()).isEqualTo(302);
        DashboardSession.Page draft = session.get(drafted.location().replace(base, ""));
        assertThat(draft.body()).contains("data-status=\"draft\"").contains("Just a draft").contains("id=\"send-now\"");
        String draftPath = drafted.location().replace(base, "");
        DashboardSession.Page sendDraft = session.post(draftPath + "/send", Map.of());
        assertThat(sendDraft.status()).isEqualTo(302);
        assertThat(session.get(draftPath).body()).contains("id=\"action-error\"").contains("costs 8 tokens")
                .contains("3 short").contains("data-status=\"draft\"");
        for (String phone : phones) {
            assertThat(graph.sentTo(phone)).isEmpty();
        }
    }

    @Test
    void aViewerSeesBroadcastsButCannotComposeSendOrCancel() {
        Browser browser = Browser.at(base).logIn(viewer);
        browser.find(By.cssSelector(".app-menu a[href='/app/broadcasts']")).click();
        assertThat(browser.find(By.cssSelector("tr[data-broadcast='" + draftId + "']")).getText()).contains("Kept for later");
        WebDriver driver = browser.driver();
        assertThat(driver.findElements(By.id("compose-link"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector(".app-menu a[href='/app/templates']"))).isEmpty();
        browser.find(By.linkText("Kept for later")).click();
        assertThat(browser.find(By.id("broadcast-status")).getText()).isEqualTo("Draft");
        assertThat(driver.findElements(By.id("cancel-broadcast"))).isEmpty();
        assertThat(driver.findElements(By.id("send-now"))).isEmpty();
        assertThat(browser.sidewaysScrollOnAPhone("/app/broadcasts", By.tagName("h1"))).isLessThanOrEqualTo(0);
        assertThat(browser.sidewaysScrollOnAPhone("/app/broadcasts/" + draftId, By.tagName("h1"))).isLessThanOrEqualTo(0);

        DashboardSession session = DashboardSession.logIn(base, viewer);
        assertThat(session.get("/app/broadcasts/" + draftId).status()).isEqualTo(200);
        assertThat(session.post("/app/broadcasts/" + draftId + "/cancel", Map.of()).status()).isEqualTo(403);
        assertThat(session.post("/app/broadcasts/" + draftId + "/send", Map.of()).status()).isEqualTo(403);
        assertThat(session.post("/app/broadcasts", Map.of("name", "x", "templateId", org.templateId,
                "audienceId", audienceId, "action", "send")).status()).isEqualTo(403);
        assertThat(session.get("/app/broadcasts/new").status()).isEqualTo(403);
        assertThat(org.view(draftId).path("broadcast").path("status").asText()).isEqualTo("draft");

        // the editor, who may, sees what sending it would cost now, and cancels it from the page
        Browser editing = Browser.at(base).logIn(editor);
        editing.open("/app/broadcasts/" + draftId);
        assertThat(editing.find(By.cssSelector("#draft-cost #audience-size strong")).getText())
                .isEqualTo(Integer.toString(AUDIENCE));
        assertThat(editing.find(By.cssSelector("#draft-cost #cost-tokens strong")).getText())
                .isEqualTo(Long.toString(AUDIENCE * PRICE));
        editing.find(By.id("reason")).sendKeys("not needed");
        editing.find(By.id("cancel-broadcast")).click();
        editing.waitFor(ExpectedConditions.alertIsPresent()).accept();
        assertThat(editing.find(By.id("action-done")).getText()).contains("cancelled");
        assertThat(editing.find(By.id("broadcast-status")).getText()).isEqualTo("Cancelled");
        assertThat(editing.driver().findElements(By.id("cancel-broadcast"))).isEmpty();
        assertThat(org.view(draftId).path("broadcast").path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void theTemplatesPageListsStatusesAndSyncBringsARejectionWithItsReason() {
        for (ObjectNode template : graph.templates(org.accountId)) {
            template.put("status", "APPROVED"); // as Meta answers after the approval the webhook told
        }
        String name = "flash_sale_" + ThreadLocalRandom.current().nextInt(1000, 9999);
        graph.addTemplate(org.accountId, name, "en", "MARKETING", "REJECTED", "Everything at 90% off today!");
        graph.templates(org.accountId).stream().filter(t -> name.equals(t.path("name").asText())).findFirst()
                .orElseThrow().put("rejected_reason", "PROMOTIONAL");

        Browser browser = Browser.at(base).logIn(editor);
        browser.find(By.cssSelector(".app-menu a[href='/app/templates']")).click();
        assertThat(browser.find(By.cssSelector("tr[data-template='launch_night:en'] .status")).getText())
                .isEqualTo("APPROVED");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-template='" + name + ":en']"))).isEmpty();
        browser.find(By.id("sync-templates")).click();
        assertThat(browser.find(By.id("templates-done")).getText()).contains("Synced");
        // the imported template shows up by itself once the read model has it
        String row = "tr[data-template='" + name + ":en'] ";
        browser.waitFor(Duration.ofSeconds(20), ExpectedConditions.visibilityOfElementLocated(By.cssSelector(row + ".status")));
        assertThat(browser.find(By.cssSelector(row + ".status")).getText()).isEqualTo("REJECTED");
        assertThat(browser.find(By.cssSelector(row + ".reason")).getText()).isEqualTo("PROMOTIONAL");
        browser.screenshotOfWholePage("templates");
        assertThat(browser.sidewaysScrollOnAPhone("/app/templates", By.tagName("h1"))).isLessThanOrEqualTo(0);

        DashboardSession session = DashboardSession.logIn(base, editor);
        DashboardSession.Page csv = session.get("/app/templates?format=csv&status=REJECTED");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body()).contains("," + name + ",en,MARKETING,,REJECTED,PROMOTIONAL,");

        // a new template is checked against Meta's rules on the form, then submitted for review
        session.get("/app/templates");
        DashboardSession.Page misnamed = session.post("/app/templates", Map.of("name", "Ticket Ready", "language", "en",
                "category", "UTILITY", "body", "Your ticket is ready"));
        assertThat(misnamed.status()).isEqualTo(422);
        assertThat(misnamed.body()).contains("id=\"create-error\"").contains("value=\"Ticket Ready\"");
        String fresh = "ticket_ready_" + ThreadLocalRandom.current().nextInt(1000, 9999);
        DashboardSession.Page submitted = session.post("/app/templates", Map.of("name", fresh, "language", "en",
                "category", "UTILITY", "body", "Your ticket for {{1}} is ready", "examples", "Gospel Night"));
        assertThat(submitted.status()).isEqualTo(302);
        assertThat(session.get("/app/templates").body()).contains("id=\"templates-done\"").contains(fresh);
        assertThat(graph.templates(org.accountId)).anyMatch(t -> fresh.equals(t.path("name").asText())
                && "Gospel Night".equals(t.path("components").get(0).path("example").path("body_text").get(0).get(0)
                .asText()));

        DashboardSession viewing = DashboardSession.logIn(base, viewer);
        assertThat(viewing.get("/app/templates").status()).isEqualTo(403);
        assertThat(viewing.post("/app/templates/sync", Map.of()).status()).isEqualTo(403);
    }

    /** The WhatsApp message id of each accepted recipient, by number, once all {@code count} have one. */
    private Map<String, String> wamids(String broadcastId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, String> wamids = new HashMap<>();
        while (wamids.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            wamids.clear();
            jdbc.query("""
                    SELECT p.phone, s.whatsapp_message_id FROM broadcast_sends s
                    JOIN contact_profiles p ON p.contact_id = s.contact_id
                    WHERE s.broadcast_id = ? AND s.whatsapp_message_id IS NOT NULL""", rs -> {
                wamids.put(rs.getString(1), rs.getString(2));
            }, broadcastId);
        }
        assertThat(wamids).hasSize(count);
        return wamids;
    }
}
