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
 * The step sets page in a real browser: two contacts come from a click-to-WhatsApp ad (one of them answers the name
 * question), the owner adds the Elevate template and watches its backfill complete with its steps listed, defines a
 * set as JSON with a typo'd event type (refused by its JSON path, the text kept) and saves it fixed, picks two Elevate
 * steps on the funnels page and sees the funnel charted with the API's figures, and deletes a set; a viewer sees the
 * sets without the forms and is refused the changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StepSetPagesBrowserTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final List<String> ELEVATE_STEPS = List.of("hook", "gift", "identify", "engage", "sell", "nurture",
            "upsell", "educate", "share");
    private static final String TYPO = """
            {"name": "Survey path", "steps": [
              {"key": "answered", "name": "Answered", "events": [{"type": "QuestionAnsweredd",
                "conditions": [{"path": "questionId", "op": "eq", "value": "q1"}]}]}]}""";

    @LocalServerPort
    int port;

    private String base;
    private AdminClient.Onboarded organization;
    private TeamMembers.Member owner;
    private TeamMembers.Member viewer;

    @BeforeAll
    void twoContactsComeFromAnAd() {
        base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        organization = platform.onboard(Map.of("name", "Step Set Pages Org", "phoneNumberId", phoneNumberId,
                "lowBalanceThreshold", 0, "prices", List.of(
                        Map.of("module", "surveys", "action", "reply", "tokens", 1),
                        Map.of("module", "general", "action", "reply", "tokens", 1))));
        assertThat(platform.post("/admin/organizations/" + organization.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "mpesa-" + UUID.randomUUID(), "amount", 100)).status()).isEqualTo(200);
        assertThat(organization.owner().post(organization.path("/surveys"), Map.of("title", "Join",
                "keywords", List.of("join"), "questions", List.of(Map.of("id", "q1", "text", "Your name?",
                        "type", "FREE_TEXT", "required", true)))).status()).isEqualTo(201);
        WebhookClient webhooks = new WebhookClient(port);
        // the first starts the survey from the ad and answers the name question; the second only says hi from it
        String answering = waId("2547");
        send(webhooks, fromAnAd(WebhookClient.text(phoneNumberId, answering, messageId(), "join")));
        GRAPH.awaitSentTo("+" + answering, 1);
        send(webhooks, WebhookClient.text(phoneNumberId, answering, messageId(), "Wanjiku"));
        String greeting = waId("2548");
        send(webhooks, fromAnAd(WebhookClient.text(phoneNumberId, greeting, messageId(), "hi")));
        GRAPH.awaitSentTo("+" + greeting, 1);
        owner = TeamMembers.owner(organization);
        viewer = TeamMembers.invite(organization, "viewer");
    }

    @Test
    @Order(1)
    void theOwnerAddsTheElevateTemplateAndSeesItsBackfillComplete() {
        Browser browser = Browser.at(base).logIn(owner);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/step-sets']")).click();
        assertThat(browser.find(By.id("no-step-sets")).getText()).isNotBlank();

        browser.find(By.id("template-key")).sendKeys("elevate");
        new Select(driver.findElement(By.id("template-choice"))).selectByValue("elevate");
        driver.findElement(By.id("name-question")).sendKeys("q1");
        driver.findElement(By.id("add-template-button")).click();
        browser.waitFor(ExpectedConditions.urlContains("saved=elevate"));
        assertThat(browser.find(By.id("step-set-saved")).getText()).contains("elevate");

        // no reload: the list refreshes itself (htmx) until the backfill is done
        By completed = By.cssSelector("article[data-set='elevate'] .backfill[data-state='completed']");
        browser.waitFor(Duration.ofSeconds(60), ExpectedConditions.presenceOfElementLocated(completed));
        JsonNode backfill = organization.owner().get(organization.path("/step-sets/elevate/backfill")).body();
        assertThat(backfill.path("state").asText()).isEqualTo("completed");
        String progress = browser.textOf(By.cssSelector("article[data-set='elevate'] .backfill-progress"));
        assertThat(progress).contains("(100.0 %)")
                .contains(backfill.path("stepsRecorded").asLong() + " steps recorded");
        assertThat(backfill.path("stepsRecorded").asLong()).as("2 hooks and 1 identify").isGreaterThanOrEqualTo(3);

        WebElement set = driver.findElement(By.cssSelector("article[data-set='elevate']"));
        assertThat(set.findElement(By.className("set-template")).getText()).contains("elevate");
        assertThat(set.findElement(By.className("set-version")).getText()).contains("1");
        assertThat(set.findElements(By.cssSelector("tr[data-step]")).stream().map(tr -> tr.getAttribute("data-step"))
                .toList()).containsExactlyElementsOf(ELEVATE_STEPS);
        assertThat(set.findElement(By.cssSelector("tr[data-step='hook'] .step-name")).getText()).isEqualTo("Hook");
        assertThat(set.findElement(By.cssSelector("tr[data-step='hook'] .funnel-step")).getText())
                .isEqualTo("elevate:hook");
        assertThat(set.findElement(By.cssSelector("tr[data-step='hook'] .rule")).getText())
                .isEqualTo("MessageReceived where context.referral.sourceType = ad");
        assertThat(set.findElement(By.cssSelector("tr[data-step='identify'] .rule")).getText())
                .isEqualTo("QuestionAnswered where questionId = q1");
        assertThat(set.findElement(By.cssSelector("tr[data-step='gift'] .rule")).getText())
                .isEqualTo("CardGenerated, any");
        browser.screenshotOfWholePage("step-sets");
        assertThat(browser.sidewaysScrollOnAPhone("/app/step-sets?edit=elevate",
                By.cssSelector("article[data-set='elevate']"))).as("horizontal scrolling on a phone").isLessThanOrEqualTo(0);

        // the live part answers an htmx refresh on its own, and the steps export as CSV
        DashboardSession session = DashboardSession.logIn(base, owner);
        DashboardSession.Page refresh = session.htmx("/app/step-sets/progress");
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.body()).contains("data-set=\"elevate\"").doesNotContain("<html");
        DashboardSession.Page csv = session.get("/app/step-sets?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(1 + ELEVATE_STEPS.size());
        assertThat(csv.body()).contains("elevate,Elevate journey,elevate,1,1,hook,Hook,elevate:hook,"
                + "MessageReceived where context.referral.sourceType = ad");
    }

    @Test
    @Order(2)
    void aDefinitionWithATypoIsRefusedByItsPathAndKeptThenSavedFixed() {
        Browser browser = Browser.at(base).logIn(owner);
        WebDriver driver = browser.driver();
        browser.open("/app/step-sets");
        browser.find(By.id("json-key")).sendKeys("survey-path");
        driver.findElement(By.id("json-definition")).sendKeys(TYPO);
        driver.findElement(By.id("save-json")).click();

        assertThat(browser.find(By.id("json-error-field")).getText()).isEqualTo("steps[0].events[0].type");
        assertThat(driver.findElement(By.id("json-error-message")).getText())
                .contains("'QuestionAnsweredd' is not a known event type");
        assertThat(driver.findElement(By.id("json-definition")).getAttribute("value")).isEqualTo(TYPO);
        assertThat(driver.findElement(By.id("json-definition")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("json-key")).getAttribute("value")).isEqualTo("survey-path");
        assertThat(organization.owner().get(organization.path("/step-sets/survey-path")).status()).isEqualTo(404);
        DashboardSession session = DashboardSession.logIn(base, owner);
        session.get("/app/step-sets");
        DashboardSession.Page refused = session.post("/app/step-sets", Map.of("key", "survey-path", "definition", TYPO));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("steps[0].events[0].type");
        assertThat(session.post("/app/step-sets", Map.of("key", "survey-path", "definition", "{\"name\":")).status())
                .as("not JSON").isEqualTo(400);

        WebElement definition = driver.findElement(By.id("json-definition"));
        definition.clear();
        definition.sendKeys(TYPO.replace("QuestionAnsweredd", "QuestionAnswered"));
        driver.findElement(By.id("save-json")).click();
        browser.waitFor(ExpectedConditions.urlContains("saved=survey-path"));
        assertThat(browser.textOf(By.cssSelector("article[data-set='survey-path'] tr[data-step='answered'] .rule")))
                .isEqualTo("QuestionAnswered where questionId = q1");
        assertThat(browser.textOf(By.cssSelector("article[data-set='survey-path'] .set-name"))).isEqualTo("Survey path");
        assertThat(driver.findElements(By.cssSelector("article[data-set='survey-path'] .set-template"))).isEmpty();
        assertThat(organization.owner().get(organization.path("/step-sets/survey-path")).body()
                .path("steps").get(0).path("funnelStep").asText()).isEqualTo("survey-path:answered");

        // editing opens the set's JSON in the form
        browser.find(By.cssSelector("article[data-set='survey-path'] .edit-set")).click();
        browser.waitFor(ExpectedConditions.urlContains("edit=survey-path"));
        assertThat(browser.find(By.id("json-key")).getAttribute("value")).isEqualTo("survey-path");
        assertThat(driver.findElement(By.id("json-definition")).getAttribute("value"))
                .contains("\"type\" : \"QuestionAnswered\"").contains("\"name\" : \"Survey path\"");
    }

    @Test
    @Order(3)
    void aFunnelOverElevateStepsPickedOnTheFunnelsPageIsCharted() {
        Browser browser = Browser.at(base).logIn(owner);
        WebDriver driver = browser.driver();
        browser.open("/app/step-sets");
        browser.find(By.cssSelector("article[data-set='elevate'] .funnel-link")).click();
        browser.waitFor(ExpectedConditions.urlContains("stepSet=elevate"));
        WebElement elevate = browser.find(By.cssSelector("details[data-step-set='elevate']"));
        assertThat(elevate.getAttribute("open")).as("the set's steps are shown open").isNotNull();
        assertThat(driver.findElements(By.cssSelector("details[data-step-set='survey-path'] .pick-step")))
                .hasSize(1);

        driver.findElement(By.id("funnel-key")).sendKeys("from-ads");
        driver.findElement(By.id("funnel-name-input")).sendKeys("From ads");
        elevate.findElement(By.cssSelector("button[data-append-step='elevate:hook']")).click();
        elevate.findElement(By.cssSelector("button[data-append-step='elevate:identify']")).click();
        elevate.findElement(By.cssSelector("button[data-append-step='elevate:hook']")).click();
        assertThat(driver.findElement(By.id("funnel-steps-input")).getAttribute("value"))
                .as("each step once, in the order picked").isEqualTo("elevate:hook\nelevate:identify");
        driver.findElement(By.id("save-funnel")).click();
        browser.waitFor(ExpectedConditions.urlContains("funnel=from-ads"));
        assertThat(browser.find(By.id("funnel-name")).getText()).isEqualTo("From ads");

        // both came from the ad, one answered the name question
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode api = organization.owner().get(organization.path("/funnels/from-ads")).body();
        while (!entered(api).equals(List.of(2L, 1L))) {
            assertThat(Instant.now()).as("the funnel's figures: " + api).isBefore(deadline);
            pause();
            api = organization.owner().get(organization.path("/funnels/from-ads")).body();
        }
        browser.open("/app/funnels?funnel=from-ads");
        assertThat(browser.find(By.cssSelector("#funnel-steps tr[data-step='elevate:hook'] .entered")).getText())
                .isEqualTo("2");
        assertThat(driver.findElement(By.cssSelector("#funnel-steps tr[data-step='elevate:identify'] .entered"))
                .getText()).isEqualTo("1");
        JavascriptExecutor script = (JavascriptExecutor) driver;
        List<?> labels = browser.waitFor(d -> (List<?>) script.executeScript(
                "var chart = Chart.getChart('funnel-chart'); return chart ? chart.data.labels : null;"));
        assertThat(labels.stream().map(String::valueOf).toList()).containsExactly("elevate:hook", "elevate:identify");
        List<?> charted = (List<?>) script.executeScript("return Chart.getChart('funnel-chart').data.datasets[0].data;");
        assertThat(charted.stream().map(n -> ((Number) n).longValue()).toList()).containsExactly(2L, 1L);
        browser.screenshotOfWholePage("funnel-over-step-sets");
        assertThat(browser.sidewaysScrollOnAPhone("/app/funnels?funnel=from-ads&stepSet=elevate",
                By.cssSelector("details[data-step-set='elevate'] .pick-step"))).as("horizontal scrolling on a phone")
                .isLessThanOrEqualTo(0);
    }

    @Test
    @Order(4)
    void aViewerSeesTheSetsButNoFormsAndIsRefusedTheChanges() {
        Browser browser = Browser.at(base).logIn(viewer);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/step-sets']")).click();
        assertThat(browser.find(By.cssSelector("article[data-set='elevate'] .set-name")).getText())
                .isEqualTo("Elevate journey");
        assertThat(driver.findElements(By.cssSelector("article[data-set='elevate'] tr[data-step]")))
                .hasSize(ELEVATE_STEPS.size());
        assertThat(driver.findElements(By.id("add-template"))).isEmpty();
        assertThat(driver.findElements(By.id("define-json"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector(".delete-set"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector(".edit-set"))).isEmpty();

        DashboardSession session = DashboardSession.logIn(base, viewer);
        assertThat(session.get("/app/step-sets").status()).isEqualTo(200);
        assertThat(session.htmx("/app/step-sets/progress").status()).isEqualTo(200);
        assertThat(session.get("/app/step-sets?format=csv").status()).isEqualTo(200);
        assertThat(session.post("/app/step-sets", Map.of("key", "viewer-made",
                "definition", TYPO.replace("QuestionAnsweredd", "QuestionAnswered"))).status()).isEqualTo(403);
        assertThat(session.post("/app/step-sets/templates", Map.of("key", "viewer-made", "template", "bot"))
                .status()).isEqualTo(403);
        assertThat(session.post("/app/step-sets/elevate/delete", Map.of()).status()).isEqualTo(403);
        assertThat(organization.owner().get(organization.path("/step-sets")).body().path("stepSets"))
                .extracting(set -> set.path("key").asText()).containsExactly("elevate", "survey-path");
    }

    @Test
    @Order(5)
    void theOwnerDeletesASet() {
        Browser browser = Browser.at(base).logIn(owner);
        browser.open("/app/step-sets");
        ((JavascriptExecutor) browser.driver()).executeScript("window.confirm = function () { return true; };");
        browser.find(By.cssSelector("article[data-set='survey-path'] .delete-set")).click();
        assertThat(browser.find(By.id("step-set-deleted")).getText()).isNotBlank();
        assertThat(browser.driver().findElements(By.cssSelector("article[data-set='survey-path']"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("article[data-set='elevate']"))).hasSize(1);
        assertThat(organization.owner().get(organization.path("/step-sets/survey-path")).status()).isEqualTo(404);
        DashboardSession session = DashboardSession.logIn(base, owner);
        session.get("/app/step-sets");
        assertThat(session.post("/app/step-sets/survey-path/delete", Map.of()).status()).isEqualTo(404);
    }

    private static List<Long> entered(JsonNode funnel) {
        return funnel.path("steps").findValues("entered").stream().map(JsonNode::asLong).toList();
    }

    /** The webhook as WhatsApp sends a message that follows a click on a click-to-WhatsApp ad. */
    private static String fromAnAd(String webhook) {
        return webhook.replace("\"type\":\"text\"",
                "\"referral\":{\"source_type\":\"ad\",\"source_id\":\"ad-1\",\"ctwa_clid\":\"clid-" + UUID.randomUUID()
                        + "\",\"headline\":\"Elevate\"},\"type\":\"text\"");
    }

    private static void send(WebhookClient webhooks, String body) {
        assertThat(webhooks.postSigned(body).statusCode()).isEqualTo(200);
    }

    private static String waId(String prefix) {
        return prefix + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    private static String messageId() {
        return "wamid.step-sets-" + UUID.randomUUID();
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
