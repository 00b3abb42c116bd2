package com.chatnation.crm.application.surveys;

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

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The survey pages in a real browser. An editor builds a survey in the form (a choice question without options and
 * a keyword another survey uses are refused next to their fields, with everything typed kept), three contacts
 * answer it through signed webhooks (one sends a photo, one is cut short by skip logic, one cancels), and the
 * results page shows the API's numbers; a viewer reads the results but cannot change the survey.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SurveyPagesBrowserTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final byte[] PHOTO = "not really a JPEG, but the bytes a contact sent".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;

    private String base;
    private String phoneNumberId;
    private AdminClient.Onboarded organization;
    private TeamMembers.Member editor;
    private TeamMembers.Member viewer;
    private String surveyId;
    private final String mediaId = "media-" + UUID.randomUUID();

    @BeforeAll
    void organization() {
        base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        phoneNumberId = AdminClient.randomPhoneNumberId();
        organization = platform.onboard(Map.of("name", "Survey Pages Org", "phoneNumberId", phoneNumberId,
                "lowBalanceThreshold", 0, "prices", List.of(
                        Map.of("module", "surveys", "action", "reply", "tokens", 1),
                        Map.of("module", "general", "action", "reply", "tokens", 1))));
        assertThat(platform.post("/admin/organizations/" + organization.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "mpesa-" + UUID.randomUUID(), "amount", 500)).status()).isEqualTo(200);
        // another survey already starts on "feedback"
        assertThat(organization.owner().post(organization.path("/surveys"), Map.of("title", "Older survey",
                "keywords", List.of("feedback"), "questions", List.of(Map.of("id", "q1", "text", "Yes?",
                        "type", "YES_NO", "required", true)))).status()).isEqualTo(201);
        editor = TeamMembers.invite(organization, "editor");
        viewer = TeamMembers.invite(organization, "viewer");
        GRAPH.putMedia(mediaId, "image/jpeg", PHOTO);
    }

    @Test
    @Order(1)
    void anEditorBuildsASurveyAndTheDomainsRefusalsShowByTheirFields() {
        Browser browser = Browser.at(base).logIn(editor);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/surveys']")).click();
        browser.find(By.id("new-survey")).click();

        browser.find(By.id("title")).sendKeys("Event pulse");
        driver.findElement(By.id("intro")).sendKeys("Thanks for coming!\nThree quick questions.");
        driver.findElement(By.id("keywords")).sendKeys("pulse, feedback");
        question(browser, 0, "RATING", "How would you rate the event?");
        for (int i = 1; i <= 5; i++) {
            driver.findElement(By.id("add-question")).click();
            browser.find(By.id("q" + i + "-text"));
        }
        question(browser, 1, "SINGLE_CHOICE", "What did you enjoy most?");
        question(browser, 2, "NPS", "How likely are you to recommend us?");
        question(browser, 3, "YES_NO", "Would you come again?");
        // a "no" ends the survey: skip logic
        new Select(driver.findElement(By.id("q3-rule0-condition"))).selectByValue("EQUALS");
        driver.findElement(By.id("q3-rule0-values")).sendKeys("no");
        driver.findElement(By.id("q3-rule0-goTo")).sendKeys("END");
        question(browser, 4, "MEDIA", "Send us a photo of the stage");
        question(browser, 5, "FREE_TEXT", "Anything else?");
        driver.findElement(By.id("q5-required")).click();

        // the choice question has no options: the domain refuses it, next to the options
        driver.findElement(By.id("publish")).click();
        WebElement optionsError = browser.find(By.id("q1-options-error"));
        assertThat(optionsError.getText()).contains("needs at least 2 options");
        assertThat(driver.findElement(By.id("q1-options")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("title")).getAttribute("value")).isEqualTo("Event pulse");
        assertThat(driver.findElement(By.id("intro")).getAttribute("value"))
                .isEqualTo("Thanks for coming!\nThree quick questions.");
        assertThat(driver.findElement(By.id("q2-text")).getAttribute("value")).isEqualTo("How likely are you to recommend us?");
        assertThat(new Select(driver.findElement(By.id("q2-type"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("NPS");
        assertThat(driver.findElement(By.id("q3-rule0-goTo")).getAttribute("value")).isEqualTo("END");
        assertThat(driver.findElement(By.id("q5-required")).isSelected()).isFalse();
        assertThat(driver.findElements(By.cssSelector(".field-error"))).hasSize(1);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", optionsError);
        browser.screenshot("survey-edit");

        // options given; now the keyword another survey uses is refused, next to the keywords
        driver.findElement(By.id("q1-options")).sendKeys("Music\nFood\nvenue | The venue");
        driver.findElement(By.id("publish")).click();
        assertThat(browser.find(By.id("keywords-error")).getText()).contains("feedback");
        assertThat(driver.findElement(By.id("q1-options")).getAttribute("value")).isEqualTo("Music\nFood\nvenue | The venue");
        browser.screenshot("survey-edit-keyword");

        WebElement keywords = driver.findElement(By.id("keywords"));
        keywords.clear();
        keywords.sendKeys("pulse");
        driver.findElement(By.id("publish")).click();
        assertThat(browser.find(By.id("published-notice")).getText()).contains("Version 1 published").contains("pulse");
        String url = driver.getCurrentUrl();
        surveyId = url.substring(url.indexOf("/app/surveys/") + "/app/surveys/".length(), url.indexOf("/edit"));

        // what was published is what the form said
        JsonNode listed = eventually("the survey listed", () -> organization.owner().get(organization.path("/surveys")).body(),
                body -> body.path("items").size() == 2);
        JsonNode published = listed.path("items").get(0);
        assertThat(published.path("id").asText()).isEqualTo(surveyId);
        assertThat(published.path("keywords").toString()).isEqualTo("[\"pulse\"]");
        JsonNode results = organization.owner().get(organization.path("/surveys/" + surveyId + "/results")).body();
        assertThat(results.path("questions").findValuesAsText("type"))
                .containsExactly("RATING", "SINGLE_CHOICE", "NPS", "YES_NO", "MEDIA", "FREE_TEXT");
        assertThat(results.path("questions").get(1).path("options").findValuesAsText("id"))
                .containsExactly("music", "food", "venue");
        // the edit page shows it back as it was written
        assertThat(driver.findElement(By.id("q1-options")).getAttribute("value")).isEqualTo("Music\nFood\nvenue | The venue");
        assertThat(new Select(driver.findElement(By.id("q3-rule0-condition"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("EQUALS");
    }

    @Test
    @Order(2)
    void contactsAnswerOnWhatsAppAndTheResultsPageShowsTheApisNumbers() {
        String alice = "2547" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String bob = "2547" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String carol = "2547" + (10_000_000 + (int) (Math.random() * 89_999_999));
        converse(alice, "Alice", "pulse", "5", "1", "10", "yes", null, "The music was great, lovely evening");
        converse(bob, "Bob", "pulse", "4", "2", "9", "no");
        converse(carol, "Carol", "pulse", "2", "cancel");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String period = "?from=" + today.minusDays(29) + "&to=" + today;
        JsonNode api = eventually("the results", () -> organization.owner()
                        .get(organization.path("/surveys/" + surveyId + "/results" + period)).body(),
                body -> body.path("responses").path("completed").asInt() == 2
                        && body.path("responses").path("abandoned").asInt() == 1);
        JsonNode funnel = eventually("the survey funnel", () -> organization.owner()
                        .get(organization.path("/survey-funnels/" + surveyId + period)).body(),
                body -> body.path("started").asInt() == 3 && body.path("abandoned").asInt() == 1
                        && body.path("completed").asInt() == 2);

        Browser browser = Browser.at(base).logIn(editor);
        WebDriver driver = browser.driver();
        browser.open("/app/surveys");
        WebElement row = browser.find(By.cssSelector("#survey-list tr[data-survey='" + surveyId + "']"));
        assertThat(row.findElement(By.className("responses")).getText()).isEqualTo("3");
        assertThat(row.findElement(By.className("completed")).getText()).isEqualTo("2");
        browser.screenshot("surveys");
        row.findElement(By.tagName("a")).click();

        JsonNode responses = api.path("responses");
        assertThat(tile(browser, "started")).isEqualTo(responses.path("started").asText()).isEqualTo("3");
        assertThat(tile(browser, "completed")).isEqualTo(responses.path("completed").asText());
        assertThat(tile(browser, "abandoned")).isEqualTo(responses.path("abandoned").asText());
        assertThat(tile(browser, "in-progress")).isEqualTo(responses.path("inProgress").asText());

        JsonNode rating = api.path("questions").get(0);
        assertThat(text(browser, "#question-q1 .average strong")).isEqualTo(rating.path("average").asText()).isEqualTo("3.6667");
        assertThat(counts(browser, "q1")).isEqualTo(values(rating.path("distribution")));
        JsonNode choice = api.path("questions").get(1);
        assertThat(counts(browser, "q2")).containsExactly(choice.path("options").get(0).path("count").asLong(),
                choice.path("options").get(1).path("count").asLong(), choice.path("options").get(2).path("count").asLong())
                .containsExactly(1L, 1L, 0L);
        JsonNode nps = api.path("questions").get(2).path("nps");
        assertThat(Double.parseDouble(text(browser, "#question-q3 .nps-score strong"))).isEqualTo(nps.path("score").asDouble())
                .isEqualTo(100.0);
        assertThat(text(browser, "#question-q3 .nps-promoters strong")).isEqualTo(nps.path("promoters").asText());
        assertThat(text(browser, "#question-q3 .nps-detractors strong")).isEqualTo(nps.path("detractors").asText());
        assertThat(counts(browser, "q3")).isEqualTo(values(api.path("questions").get(2).path("distribution")));
        JsonNode yesNo = api.path("questions").get(3);
        assertThat(counts(browser, "q4")).containsExactly(yesNo.path("yes").asLong(), yesNo.path("no").asLong());
        assertThat(text(browser, "#sentiment-scored strong")).isEqualTo(api.path("sentiment").path("scored").asText());

        // the completion funnel: reached, answered and dropped off per question, as the API's survey funnel says
        for (JsonNode question : funnel.path("questions")) {
            WebElement line = driver.findElement(By.cssSelector("#funnel tr[data-question='"
                    + question.path("questionId").asText() + "']"));
            assertThat(line.findElement(By.className("reached")).getText()).isEqualTo(question.path("reached").asText());
            assertThat(line.findElement(By.className("answered")).getText()).isEqualTo(question.path("answered").asText());
            assertThat(line.findElement(By.className("dropped-off")).getText())
                    .isEqualTo(question.path("droppedOff").asText());
        }
        assertThat(driver.findElement(By.cssSelector("#funnel tr[data-question='q2'] .dropped-off")).getText()).isEqualTo("1");
        List<?> drawn = (List<?>) ((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart('chart-q2').data.datasets[0].data;");
        assertThat(drawn.stream().map(n -> ((Number) n).longValue()).toList()).containsExactly(1L, 1L, 0L);

        // the individual responses, with Alice's photo fetched from WhatsApp's media store
        assertThat(driver.findElements(By.cssSelector("#responses tbody tr[data-response]"))).hasSize(3);
        WebElement photo = driver.findElement(By.cssSelector("#responses .attachments a"));
        String photoPath = URI.create(photo.getAttribute("href")).getPath();
        browser.screenshotOfWholePage("survey-results");

        DashboardSession session = DashboardSession.logIn(base, editor);
        HttpResponse<byte[]> file = session.download(photoPath);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(PHOTO);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("image/jpeg");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");

        DashboardSession.Page csv = session.get("/app/surveys/" + surveyId + "?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("q1").contains("attachments");
        assertThat(csv.body()).contains("The music was great").contains(mediaId);
        assertThat(session.get("/app/surveys?format=csv").body()).contains("Event pulse").contains("Older survey");
    }

    @Test
    @Order(3)
    void onAPhoneTheResultsAndTheEditorFitTheScreen() {
        Browser browser = Browser.at(base).logIn(editor);
        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            for (String page : List.of("/app/surveys", "/app/surveys/" + surveyId, "/app/surveys/" + surveyId + "/edit")) {
                browser.open(page);
                browser.find(By.tagName("h1"));
                Object overflow = ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).longValue()).as("horizontal scrolling on a phone: %s", page)
                        .isLessThanOrEqualTo(0);
            }
            browser.screenshot("survey-edit-phone");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    @Order(4)
    void aViewerReadsTheResultsButMayNotChangeTheSurvey() {
        Browser browser = Browser.at(base).logIn(viewer);
        browser.open("/app/surveys/" + surveyId);
        assertThat(tile(browser, "started")).isEqualTo("3");
        assertThat(browser.driver().findElements(By.id("edit-survey"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("archive-survey"))).isEmpty();
        browser.open("/app/surveys");
        browser.find(By.id("survey-list"));
        assertThat(browser.driver().findElements(By.id("new-survey"))).isEmpty();

        DashboardSession session = DashboardSession.logIn(base, viewer);
        assertThat(session.get("/app/surveys/" + surveyId).status()).isEqualTo(200);
        assertThat(session.get("/app/surveys/" + surveyId + "/edit").status()).isEqualTo(403);
        assertThat(session.post("/app/surveys/" + surveyId + "/edit", Map.of("title", "Taken over",
                "questions[0].id", "q1", "questions[0].text", "Hi?", "questions[0].type", "YES_NO")).status())
                .isEqualTo(403);
        assertThat(session.post("/app/surveys/" + surveyId + "/archive", Map.of()).status()).isEqualTo(403);
        assertThat(organization.owner().get(organization.path("/surveys/" + surveyId + "/results")).body()
                .path("title").asText()).isEqualTo("Event pulse");
    }

    @Test
    @Order(5)
    void anotherOrganizationsSurveyIsNotFound() {
        AdminClient.Onboarded other = new AdminClient(base).onboardOrganizationWithOwner();
        DashboardSession stranger = DashboardSession.logIn(base, TeamMembers.owner(other));
        assertThat(stranger.get("/app/surveys/" + surveyId).status()).isEqualTo(404);
        assertThat(stranger.get("/app/surveys/" + surveyId + "/edit").status()).isEqualTo(404);
        assertThat(stranger.post("/app/surveys/" + surveyId + "/archive", Map.of()).status()).isEqualTo(404);
        assertThat(stranger.get("/app/surveys?format=csv").body()).doesNotContain("Event pulse");
    }

    @Test
    @Order(6)
    void anEditorArchivesTheSurvey() {
        Browser browser = Browser.at(base).logIn(editor);
        browser.open("/app/surveys/" + surveyId);
        ((JavascriptExecutor) browser.driver()).executeScript("window.confirm = function () { return true; };");
        browser.find(By.id("archive-survey")).click();
        browser.waitFor(ExpectedConditions.urlContains("archived"));
        eventually("archived", () -> organization.owner().get(organization.path("/surveys")).body(),
                body -> body.path("items").get(0).path("status").asText().equals("archived"));
        DashboardSession session = DashboardSession.logIn(base, editor);
        assertThat(session.get("/app/surveys/" + surveyId + "/edit").status()).isEqualTo(404);
    }

    private static void question(Browser browser, int row, String type, String text) {
        new Select(browser.find(By.id("q" + row + "-type"))).selectByValue(type);
        WebElement field = browser.driver().findElement(By.id("q" + row + "-text"));
        field.clear();
        field.sendKeys(text);
    }

    /** The contact's messages one at a time, each answered before the next; null sends the photo. */
    private void converse(String waId, String name, String... texts) {
        WebhookClient webhooks = new WebhookClient(port);
        int before = GRAPH.sentTo("+" + waId).size();
        for (int i = 0; i < texts.length; i++) {
            String message = texts[i] == null ? photo(waId, name) : text(waId, name, texts[i]);
            assertThat(webhooks.postSigned(message).statusCode()).isEqualTo(200);
            GRAPH.awaitSentTo("+" + waId, before + i + 1);
        }
    }

    private String text(String waId, String name, String body) {
        return envelope(waId, name, "\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}");
    }

    private String photo(String waId, String name) {
        return envelope(waId, name, "\"type\":\"image\",\"image\":{\"id\":\"" + mediaId
                + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"x\",\"caption\":\"the stage\"}");
    }

    private String envelope(String waId, String name, String content) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"wamid.survey-page-%s","timestamp":"%d",%s}]}}]}]}"""
                .formatted(phoneNumberId, name, waId, waId, UUID.randomUUID(), System.currentTimeMillis() / 1000,
                        content);
    }

    private static String tile(Browser browser, String id) {
        return browser.find(By.cssSelector("#" + id + " strong")).getText();
    }

    private static String text(Browser browser, String css) {
        return browser.find(By.cssSelector(css)).getText();
    }

    /** The counts of a question's table, in its order. */
    private static List<Long> counts(Browser browser, String questionId) {
        return browser.driver().findElements(By.cssSelector("#question-" + questionId + " table.distribution td.count"))
                .stream().map(cell -> Long.parseLong(cell.getText())).toList();
    }

    private static List<Long> values(JsonNode distribution) {
        List<Long> values = new java.util.ArrayList<>();
        distribution.elements().forEachRemaining(value -> values.add(value.asLong()));
        return values;
    }


    private static <T> T eventually(String what, Supplier<T> value, Predicate<T> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not catch up within " + PATIENCE + "; last saw " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = value.get();
        }
        return last;
    }
}
