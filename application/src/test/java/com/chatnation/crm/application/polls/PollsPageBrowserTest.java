package com.chatnation.crm.application.polls;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TeamMembers;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poll pages in a real browser. An owner creates a poll in the form (one option is refused on its field, with
 * what was typed kept), contacts see it by its keyword and vote by tapping through the API's inbound-message
 * simulator, the poll's open page follows the counts by itself, and the owner closes it; a viewer reads polls but
 * is offered neither the form nor the close button, and another organization's poll is not found.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PollsPageBrowserTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private String base;
    private Conversations org;
    private TeamMembers.Member owner;
    private TeamMembers.Member viewer;
    private TeamMembers.Member agent;
    /** Created through the form by the first test. */
    private String pollId;
    /** Created over the API, and left open for the viewer. */
    private String openPollId;

    @BeforeAll
    void organization() {
        base = "http://localhost:" + port;
        org = new Conversations(new AdminClient(base), 100,
                List.of(Map.of("module", "polls", "action", "reply", "tokens", 1)));
        // Conversations keeps its owner's API client but not the owner's login: the browser's owner is a member
        // invited with the owner role
        AdminClient.Onboarded organization = new AdminClient.Onboarded(org.organizationId, null, null, org.admin, null);
        owner = TeamMembers.invite(organization, "owner");
        viewer = TeamMembers.invite(organization, "viewer");
        agent = TeamMembers.invite(organization, "agent");
        AdminClient.Response open = org.admin.post(org.path("/polls"), Map.of("question", "Lunch or dinner?",
                "options", List.of("Lunch", "Dinner")));
        assertThat(open.status()).as(open.toString()).isEqualTo(201);
        openPollId = open.text("pollId");
    }

    @Test
    @Order(1)
    void anOwnerCreatesAPollContactsVoteThePageFollowsAndTheOwnerClosesIt() {
        Browser browser = Browser.at(base).logIn(owner);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/polls']")).click();
        browser.find(By.id("poll-list"));
        browser.find(By.cssSelector("#new-poll summary")).click();

        // one option is no poll: refused by the poll's rule, next to the options, with what was typed kept
        browser.find(By.id("poll-question")).sendKeys("Which track next?");
        driver.findElement(By.id("poll-options")).sendKeys("Only one");
        driver.findElement(By.id("poll-keyword")).sendKeys("track");
        driver.findElement(By.id("create-poll-submit")).click();
        assertThat(browser.find(By.id("options-error")).getText()).contains("2 to 10 options");
        assertThat(driver.findElement(By.id("poll-refused")).getText()).contains("not created");
        assertThat(driver.findElement(By.id("poll-options")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("poll-question")).getAttribute("value")).isEqualTo("Which track next?");
        assertThat(driver.findElement(By.id("poll-keyword")).getAttribute("value")).isEqualTo("track");
        browser.screenshotOfWholePage("poll-refused");

        WebElement options = driver.findElement(By.id("poll-options"));
        options.clear();
        options.sendKeys("AI\nCloud\nSecurity\n");
        driver.findElement(By.id("poll-changeable")).click();
        driver.findElement(By.id("create-poll-submit")).click();
        browser.waitFor(ExpectedConditions.urlMatches(".*/app/polls/[0-9a-f-]{36}$"));
        pollId = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(browser.textOf(By.id("poll-status"))).isEqualTo("Open");
        assertThat(browser.textOf(By.cssSelector("#count-votes strong"))).isEqualTo("0");
        assertThat(browser.textOf(By.id("poll-keyword"))).contains("track");
        ((JavascriptExecutor) driver).executeScript("window.crmTestMarker = 'not reloaded';");

        // contacts: the keyword shows the poll, a tap votes, a tap on another option changes the vote
        String ann = phone();
        String ben = phone();
        String cy = phone();
        String dee = phone();
        org.says(ann, "track");
        assertThat(GRAPH.awaitSentTo(ann, 1).get(0).text()).isEqualTo("Which track next?");
        vote(ann, 2, "Cloud", 2);
        vote(ben, 1, "AI", 1);
        vote(cy, 2, "Cloud", 1);
        vote(dee, 2, "Cloud", 1);
        vote(ann, 3, "Security", 3);

        // the open page counts them by itself: 1 AI, 2 Cloud, 1 Security, one vote changed
        browser.waitFor(PATIENCE, ExpectedConditions.textToBe(By.cssSelector("#count-votes strong"), "4"));
        browser.waitFor(PATIENCE, ExpectedConditions.textToBe(By.cssSelector("#count-changes strong"), "1"));
        assertThat(browser.textOf(By.cssSelector("tr[data-option='1'] .votes"))).isEqualTo("1");
        assertThat(browser.textOf(By.cssSelector("tr[data-option='2'] .votes"))).isEqualTo("2");
        assertThat(browser.textOf(By.cssSelector("tr[data-option='2'] .percent"))).isEqualTo("50.0 %");
        assertThat(browser.textOf(By.cssSelector("tr[data-option='3'] .label"))).isEqualTo("Security");
        List<?> drawn = browser.waitFor(d -> (List<?>) ((JavascriptExecutor) d).executeScript(
                "var chart = Chart.getChart('results-chart'); return chart ? chart.data.datasets[0].data : null;"));
        assertThat(drawn.stream().map(n -> ((Number) n).longValue()).toList()).containsExactly(1L, 2L, 1L);
        assertThat(((JavascriptExecutor) driver).executeScript("return window.crmTestMarker;"))
                .as("the counts moved without the page reloading").isEqualTo("not reloaded");
        browser.screenshotOfWholePage("poll-detail");

        // closing: asked first, then shown closed, and offered no more
        browser.find(By.id("close-poll")).click();
        browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
        browser.waitFor(PATIENCE, ExpectedConditions.textToBe(By.id("poll-status"), "Closed"));
        assertThat(browser.find(By.id("action-done")).getText()).contains("closed");
        assertThat(driver.findElements(By.id("close-poll"))).isEmpty();
        assertThat(org.admin.get(org.path("/polls/" + pollId)).body().path("poll").path("status").asText())
                .isEqualTo("closed");

        // the list shows it, newest first, with its votes
        browser.find(By.cssSelector(".app-menu a[href='/app/polls']")).click();
        String row = "tr[data-poll='" + pollId + "'] ";
        assertThat(browser.textOf(By.cssSelector(row + ".votes"))).isEqualTo("4");
        assertThat(browser.textOf(By.cssSelector(row + ".keyword"))).isEqualTo("track");
        assertThat(browser.textOf(By.cssSelector(row + ".status"))).isEqualTo("Closed");
        assertThat(browser.find(By.cssSelector("#poll-list tbody tr")).getAttribute("data-poll")).isEqualTo(pollId);
        browser.screenshotOfWholePage("polls");

        // the same refusal without a browser answers 4xx, and closing twice is explained rather than failed
        DashboardSession session = DashboardSession.logIn(base, owner);
        DashboardSession.Page refused = session.post("/app/polls", Map.of("question", "Only?", "options", "Yes"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"options-error\"");
        DashboardSession.Page unreadable = session.post("/app/polls", Map.of("question", "When?",
                "options", "Now\nLater", "closesAt", "next week"));
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.body()).contains("id=\"closesAt-error\"");
        DashboardSession.Page again = session.post("/app/polls/" + pollId + "/close", Map.of());
        assertThat(again.status()).isEqualTo(302);
        assertThat(session.get("/app/polls/" + pollId).body()).contains("id=\"action-error\"");
    }

    @Test
    @Order(2)
    void aViewerReadsPollsButIsOfferedNoFormAndNoCloseButton() {
        Browser browser = Browser.at(base).logIn(viewer);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/polls']")).click();
        browser.find(By.cssSelector("tr[data-poll='" + openPollId + "']"));
        assertThat(driver.findElements(By.id("new-poll"))).isEmpty();
        assertThat(driver.findElements(By.id("create-poll"))).isEmpty();

        browser.find(By.cssSelector("tr[data-poll='" + openPollId + "'] a")).click();
        assertThat(browser.textOf(By.id("poll-status"))).isEqualTo("Open");
        assertThat(browser.textOf(By.cssSelector("tr[data-option='2'] .label"))).isEqualTo("Dinner");
        assertThat(driver.findElements(By.id("close-poll"))).isEmpty();

        DashboardSession session = DashboardSession.logIn(base, viewer);
        assertThat(session.get("/app/polls/" + openPollId + "/results").status()).isEqualTo(200);
        assertThat(session.post("/app/polls", Map.of("question", "Mine?", "options", "Yes\nNo")).status())
                .isEqualTo(403);
        assertThat(session.post("/app/polls/" + openPollId + "/close", Map.of()).status()).isEqualTo(403);
        assertThat(org.admin.get(org.path("/polls/" + openPollId)).body().path("poll").path("status").asText())
                .isEqualTo("open");

        // the menu shows polls only to those who may read them
        Browser.at(base).logIn(agent);
        browser.find(By.cssSelector(".app-menu a[href='/app/inbox']"));
        assertThat(driver.findElements(By.cssSelector(".app-menu a[href='/app/polls']"))).isEmpty();
    }

    @Test
    @Order(3)
    void anotherOrganizationsPollIsNotFound() {
        AdminClient.Onboarded other = new AdminClient(base).onboardOrganizationWithOwner();
        DashboardSession stranger = DashboardSession.logIn(base, TeamMembers.owner(other));
        assertThat(stranger.get("/app/polls/" + openPollId).status()).isEqualTo(404);
        assertThat(stranger.get("/app/polls/" + openPollId + "/results").status()).isEqualTo(404);
        assertThat(stranger.post("/app/polls/" + openPollId + "/close", Map.of()).status()).isEqualTo(404);
        assertThat(stranger.get("/app/polls").body()).doesNotContain("Lunch or dinner?");
        assertThat(stranger.get("/app/polls/no-such-poll").status()).isEqualTo(404);
    }

    /** The contact taps option {@code n} and the bot's answer ({@code answers} in all, so far) arrives. */
    private void vote(String phone, int n, String label, int answers) {
        org.taps(phone, "poll:" + pollId + ":" + n, label, false);
        GRAPH.awaitSentTo(phone, answers);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }
}
