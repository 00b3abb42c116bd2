package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.WebhookClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview and the wallet in a real browser: an organization with one contact's message and a small wallet
 * under its alert threshold, seen by its owner (everything), by an agent (no wallet) and on a phone's screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewBrowserTest {

    @LocalServerPort
    int port;

    private String base;
    private AdminClient.Onboarded organization;
    private TeamMembers.Member agent;

    @BeforeAll
    void organizationWithActivity() {
        base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        organization = platform.onboard(Map.of("name", "Overview Org", "phoneNumberId", phoneNumberId,
                "lowBalanceThreshold", 100,
                "prices", List.of(Map.of("module", "general", "action", "reply", "tokens", 1))));
        assertThat(platform.post("/admin/organizations/" + organization.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "mpesa-" + UUID.randomUUID(), "amount", 40)).status()).isEqualTo(200);
        String contact = "2547" + (10_000_000 + (int) (Math.random() * 89_999_999));
        assertThat(new WebhookClient(port).postSigned(WebhookClient.text(phoneNumberId, contact,
                "wamid.overview-" + UUID.randomUUID(), "hello")).statusCode()).isEqualTo(200);
        agent = TeamMembers.invite(organization, "agent");
        awaitRollup("messages.in", 1);
    }

    @Test
    void theOwnerSeesTodaysActivityTheWalletAndTheLowBalanceAlert() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        assertThat(browser.find(By.cssSelector("#messages-in strong")).getText()).isEqualTo("1");
        long available = organization.owner().get(organization.path("/wallet")).body().path("available").asLong();
        assertThat(browser.find(By.cssSelector("#wallet-balance strong")).getText()).isEqualTo(Long.toString(available));
        assertThat(available).isLessThan(100);
        assertThat(browser.find(By.id("low-balance")).getText()).contains("Low balance");

        // the chart holds today's number, and Chart.js shows it on hover
        WebDriver driver = browser.driver();
        List<?> inbound = (List<?>) ((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart('activity-chart').data.datasets[0].data;");
        assertThat(((Number) inbound.get(inbound.size() - 1)).longValue()).isEqualTo(1);
        browser.screenshot("overview");
        new Actions(driver).moveToElement(browser.find(By.id("activity-chart"))).perform();
        browser.screenshot("overview-chart-hover");
    }

    @Test
    void aDateRangeChangesWhatTheFiguresCount() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        LocalDate lastYear = LocalDate.now(ZoneOffset.UTC).minusYears(1);
        browser.open("/app?from=" + lastYear + "&to=" + lastYear.plusDays(6));
        assertThat(browser.find(By.cssSelector("#messages-in strong")).getText()).isEqualTo("0");
        assertThat(browser.find(By.cssSelector("form.range small")).getText()).contains(lastYear.toString());
    }

    @Test
    void anAgentSeesNeitherTheWalletNorItsMenuEntry() {
        Browser browser = Browser.at(base).logIn(agent);
        assertThat(browser.find(By.cssSelector("#active-conversations strong")).getText()).isNotBlank();
        assertThat(browser.driver().findElements(By.id("wallet-balance"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector(".app-menu a[href='/app/wallet']"))).isEmpty();
        browser.open("/app/wallet");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    }

    @Test
    void theWalletPageListsTheLedgerAndExportsIt() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        browser.find(By.cssSelector(".app-menu a[href='/app/wallet']")).click();
        assertThat(browser.find(By.id("ledger")).getText()).contains("purchase");
        browser.screenshot("wallet");

        DashboardSession session = DashboardSession.logIn(base, TeamMembers.owner(organization));
        DashboardSession.Page csv = session.get("/app/wallet?format=csv&type=purchase");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body()).contains("purchase").contains(",40,");
        DashboardSession.Page usage = session.get("/app/wallet?format=csv&table=usage");
        assertThat(usage.body().lines().toList()).contains("general/reply,1");
    }

    @Test
    void onAPhoneThePageFitsTheScreenAndTheKeyboardReachesTheContentFirst() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.open("/app");
            browser.find(By.id("messages-in"));
            Object overflow = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            browser.screenshot("overview-phone");
            assertThat(((Number) overflow).longValue()).as("horizontal scrolling on a phone").isLessThanOrEqualTo(0);
            driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
            assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    private void awaitRollup(String metric, long expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        while (Instant.now().isBefore(deadline)) {
            long value = organization.owner().get(organization.path("/rollups/daily?from=" + today + "&to=" + today
                    + "&metric=" + metric)).body().path("totals").path(metric).path("value").asLong();
            if (value == expected) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError(metric + " never reached " + expected);
    }
}
