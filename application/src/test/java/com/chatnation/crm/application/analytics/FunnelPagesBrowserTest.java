package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnels page in a real browser: two contacts write on WhatsApp (one starts a survey, one only opens the
 * menu), an editor defines a custom funnel in the form (a bad conversion window is refused next to its field, with
 * the rest kept), the chart and table show the API's figures for it, and a viewer sees them without the form and is
 * refused the changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunnelPagesBrowserTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();

    @LocalServerPort
    int port;

    private String base;
    private AdminClient.Onboarded organization;
    private TeamMembers.Member editor;
    private TeamMembers.Member viewer;

    @BeforeAll
    void twoContactsWrite() {
        base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        organization = platform.onboard(Map.of("name", "Funnel Pages Org", "phoneNumberId", phoneNumberId,
                "lowBalanceThreshold", 0, "prices", List.of(
                        Map.of("module", "surveys", "action", "reply", "tokens", 1),
                        Map.of("module", "general", "action", "reply", "tokens", 1))));
        assertThat(platform.post("/admin/organizations/" + organization.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "mpesa-" + UUID.randomUUID(), "amount", 100)).status()).isEqualTo(200);
        assertThat(organization.owner().post(organization.path("/surveys"), Map.of("title", "Join",
                "keywords", List.of("join"), "questions", List.of(Map.of("id", "q1", "text", "Your city?",
                        "type", "FREE_TEXT", "required", true)))).status()).isEqualTo(201);
        WebhookClient webhooks = new WebhookClient(port);
        for (String[] contact : new String[][] {{"join", "2547"}, {"hi", "2548"}}) {
            String waId = contact[1] + (10_000_000 + (int) (Math.random() * 89_999_999));
            assertThat(webhooks.postSigned(WebhookClient.text(phoneNumberId, waId, "wamid.funnel-" + UUID.randomUUID(),
                    contact[0])).statusCode()).isEqualTo(200);
            GRAPH.awaitSentTo("+" + waId, 1);
        }
        editor = TeamMembers.invite(organization, "editor");
        viewer = TeamMembers.invite(organization, "viewer");
        // both contacts are in the journey: the built-in engagement funnel counts them
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (organization.owner().get(organization.path("/funnels/engagement")).body().path("contacts").asInt() < 2) {
            assertThat(Instant.now()).as("the journey caught up").isBefore(deadline);
            pause();
        }
    }

    @Test
    @Order(1)
    void anEditorDefinesACustomFunnelAndItsChartShowsTheApisFigures() {
        Browser browser = Browser.at(base).logIn(editor);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/funnels']")).click();
        assertThat(browser.find(By.id("funnel-name")).getText()).isEqualTo("Engagement");
        assertThat(browser.find(By.cssSelector("#funnel-steps tr[data-step='first_message'] .entered")).getText())
                .isEqualTo("2");

        browser.find(By.id("funnel-key")).sendKeys("signup");
        driver.findElement(By.id("funnel-name-input")).sendKeys("Sign-up");
        driver.findElement(By.id("funnel-steps-input")).sendKeys("first_message\nsurvey_started");
        WebElement window = driver.findElement(By.id("funnel-window"));
        window.clear();
        window.sendKeys("7 days");
        driver.findElement(By.id("save-funnel")).click();

        assertThat(browser.find(By.id("window-error")).getText()).contains("not an ISO-8601 duration");
        assertThat(driver.findElement(By.id("funnel-window")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("funnel-key")).getAttribute("value")).isEqualTo("signup");
        assertThat(driver.findElement(By.id("funnel-steps-input")).getAttribute("value"))
                .isEqualTo("first_message\nsurvey_started");
        assertThat(driver.findElements(By.cssSelector(".field-error"))).hasSize(1);
        assertThat(organization.owner().get(organization.path("/funnels/signup")).status()).isEqualTo(400);

        window = driver.findElement(By.id("funnel-window"));
        window.clear();
        window.sendKeys("P1D");
        driver.findElement(By.id("save-funnel")).click();
        browser.waitFor(ExpectedConditions.urlContains("funnel=signup"));
        assertThat(browser.find(By.id("funnel-name")).getText()).isEqualTo("Sign-up");

        JsonNode api = organization.owner().get(organization.path("/funnels/signup")).body();
        assertThat(api.path("funnel").path("conversionWindow").asText()).isEqualTo("P1D");
        JsonNode first = api.path("steps").get(0);
        WebElement row = driver.findElement(By.cssSelector("#funnel-steps tr[data-step='first_message']"));
        assertThat(row.findElement(By.className("entered")).getText()).isEqualTo(first.path("entered").asText()).isEqualTo("2");
        assertThat(row.findElement(By.className("converted")).getText()).isEqualTo(first.path("converted").asText()).isEqualTo("1");
        assertThat(row.findElement(By.className("drop-off")).getText()).isEqualTo(first.path("dropOff").asText()).isEqualTo("1");
        assertThat(row.findElement(By.className("conversion")).getText())
                .isEqualTo(first.path("conversionPercent").asText() + " %").isEqualTo("50.0 %");
        assertThat(row.findElement(By.className("median")).getText()).isNotEqualTo("–");
        assertThat(driver.findElement(By.cssSelector("#funnel-steps tr[data-step='survey_started'] .entered")).getText())
                .isEqualTo(api.path("steps").get(1).path("entered").asText()).isEqualTo("1");
        assertThat(browser.find(By.cssSelector("#funnel-conversion strong")).getText())
                .isEqualTo(api.path("overallConversionPercent").asText() + " %");

        List<?> entered = (List<?>) ((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart('funnel-chart').data.datasets[0].data;");
        assertThat(entered.stream().map(n -> ((Number) n).longValue()).toList()).containsExactly(2L, 1L);
        browser.screenshotOfWholePage("funnels");

        // the breakdown by source, as the API groups it
        new Select(driver.findElement(By.id("breakdown-choice"))).selectByValue("source");
        driver.findElement(By.cssSelector("form.range button[type=submit]")).click();
        browser.waitFor(ExpectedConditions.urlContains("breakdown=source"));
        JsonNode bySource = organization.owner().get(organization.path("/funnels/signup?breakdown=source")).body();
        List<String> groups = driver.findElements(By.cssSelector("#funnel-groups tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-group")).toList();
        assertThat(groups).containsExactlyElementsOf(bySource.path("groups").findValuesAsText("key")).isNotEmpty();

        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.open("/app/funnels?funnel=signup&breakdown=source");
            browser.find(By.id("funnel-steps"));
            Object overflow = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).longValue()).as("horizontal scrolling on a phone").isLessThanOrEqualTo(0);
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }

        DashboardSession session = DashboardSession.logIn(base, editor);
        DashboardSession.Page csv = session.get("/app/funnels?format=csv&funnel=signup");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(3);
        assertThat(csv.body()).contains("signup,all,1,first_message,2,1,50.0,1,");
        assertThat(session.get("/app/funnels?format=csv&table=definitions").body()).contains("signup,Sign-up,");
    }

    @Test
    @Order(2)
    void aViewerSeesTheFunnelsButNeitherTheFormNorTheChanges() {
        Browser browser = Browser.at(base).logIn(viewer);
        browser.open("/app/funnels?funnel=signup");
        assertThat(browser.find(By.id("funnel-name")).getText()).isEqualTo("Sign-up");
        assertThat(browser.driver().findElements(By.id("define-funnel"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector(".delete-funnel"))).isEmpty();

        DashboardSession session = DashboardSession.logIn(base, viewer);
        assertThat(session.get("/app/funnels").status()).isEqualTo(200);
        assertThat(session.post("/app/funnels", Map.of("key", "viewer-made", "name", "Mine",
                "steps", "first_message\nmenu_opened", "conversionWindow", "P1D")).status()).isEqualTo(403);
        assertThat(session.post("/app/funnels/signup/delete", Map.of()).status()).isEqualTo(403);
        JsonNode list = organization.owner().get(organization.path("/funnels")).body();
        assertThat(list.path("funnels").findValuesAsText("key")).contains("signup").doesNotContain("viewer-made");
    }

    @Test
    @Order(3)
    void anEditorDeletesTheCustomFunnel() {
        Browser browser = Browser.at(base).logIn(editor);
        browser.open("/app/funnels");
        ((JavascriptExecutor) browser.driver()).executeScript("window.confirm = function () { return true; };");
        browser.find(By.cssSelector("tr[data-funnel='signup'] .delete-funnel")).click();
        assertThat(browser.find(By.id("funnel-deleted")).getText()).isNotBlank();
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-funnel='signup']"))).isEmpty();
        assertThat(organization.owner().get(organization.path("/funnels")).body().path("funnels")
                .findValuesAsText("key")).doesNotContain("signup");
        // built-in funnels cannot be deleted
        DashboardSession session = DashboardSession.logIn(base, editor);
        assertThat(session.post("/app/funnels/engagement/delete", Map.of()).status()).isEqualTo(404);
    }


    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
