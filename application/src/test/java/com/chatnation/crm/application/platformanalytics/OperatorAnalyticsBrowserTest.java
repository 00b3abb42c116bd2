package com.chatnation.crm.application.platformanalytics;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.TestDatabaseEnvironmentPostProcessor;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform operator's analytics page in a real browser: two organizations onboarded through the admin API (one
 * of them inviting a member) show in the funnel, the cohorts and the feature usage; the funnel's chart is drawn; a
 * table downloads as CSV with the session's cookie; the session ends after 30 idle minutes at most and at logout.
 * Over plain HTTP: a wrong key is refused with 401 and no session, the form needs its CSRF token, a staff session
 * is refused the page, and the operator's session opens no staff page and no API call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorAnalyticsBrowserTest {

    private static final String KEY = TestDatabaseEnvironmentPostProcessor.ADMIN_KEY;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String base;
    private AdminClient.Onboarded first;
    private AdminClient.Onboarded second;

    @BeforeAll
    void twoOrganizationsAreOnboarded() {
        base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        String run = UUID.randomUUID().toString().substring(0, 8);
        first = platform.onboard(Map.of("name", "Operator Page First " + run,
                "phoneNumberId", AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        second = platform.onboard(Map.of("name", "Operator Page Second " + run,
                "phoneNumberId", AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        TeamMembers.invite(first, "viewer");
        // the read model follows the events: wait until the API shows both, the invitation counted
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            JsonNode rows = platform.get("/admin/analytics/feature-usage").body().path("perOrganization");
            long shown = 0;
            boolean invited = false;
            for (JsonNode row : rows) {
                String id = row.path("organizationId").asText();
                if (id.equals(first.organizationId()) || id.equals(second.organizationId())) {
                    shown++;
                }
                if (id.equals(first.organizationId()) && row.path("features").path("members_invited").asLong() == 1) {
                    invited = true;
                }
            }
            // the owner's invitation is also a staff action, recorded once the request was answered
            boolean acted = platform.get("/admin/analytics/staff-actions?organizationId=" + first.organizationId())
                    .body().path("count").asLong() == 1;
            if (shown == 2 && invited && acted) {
                return;
            }
            assertThat(Instant.now()).as("both organizations in the platform's read model").isBefore(deadline);
            sleep(200);
        }
    }

    @Test
    void theOperatorSignsInAndReadsTheFiguresOfTheOrganizations() throws Exception {
        Browser browser = Browser.at(base);
        WebDriver driver = browser.driver();
        browser.open("/operator/analytics");
        browser.waitFor(ExpectedConditions.urlToBe(base + "/operator/login"));
        String before = driver.manage().getCookieNamed("SESSION").getValue();
        browser.find(By.id("key")).sendKeys(KEY);
        driver.findElement(By.id("operator-sign-in")).click();
        browser.waitFor(ExpectedConditions.urlToBe(base + "/operator/analytics"));
        Cookie session = driver.manage().getCookieNamed("SESSION");
        assertThat(session.getValue()).as("a new session id at sign-in (session fixation)").isNotEqualTo(before);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(idleTimeoutOf(session)).as("an idle operator session ends within 30 minutes")
                .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(30));

        // the funnel's chart is drawn (Chart.js, under the pages' Content-Security-Policy) from the figures
        WebElement chart = browser.find(By.id("activation-chart"));
        assertThat(chart.getDomAttribute("data-chart")).contains("first_conversation").contains("\"bar\"");
        browser.waitFor(d -> "true".equals(d.findElement(By.id("activation-chart")).getDomAttribute("data-drawn")));
        assertThat(Long.parseLong(browser.textOf(By.cssSelector("#activation tr[data-step=onboarded] .reached"))))
                .isGreaterThanOrEqualTo(2);
        assertThat(driver.findElements(By.cssSelector("#activation tbody tr"))).hasSize(PlatformActivationQueries.STEPS.size());
        assertThat(driver.findElements(By.cssSelector("#cohorts tbody tr[data-week]"))).isNotEmpty();
        for (AdminClient.Onboarded organization : List.of(first, second)) {
            assertThat(browser.textOf(By.cssSelector("#features tr[data-organization='"
                    + organization.organizationId() + "'] th"))).contains("Operator Page");
        }
        assertThat(driver.findElements(By.cssSelector("#feature-summary tr[data-feature=members_invited]"))).hasSize(1);
        assertThat(driver.findElements(By.id("pages"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("nav.app-menu"))).as("no organization's menu").isEmpty();
        browser.screenshotOfWholePage("operator-analytics");

        // one organization: its own figures
        browser.open("/operator/analytics?organizationId=" + first.organizationId());
        assertThat(browser.textOf(By.cssSelector("#activation tr[data-step=onboarded] .reached"))).isEqualTo("1");
        assertThat(browser.textOf(By.cssSelector("#activation tr[data-step=first_member_invited] .reached")))
                .isEqualTo("1");
        assertThat(driver.findElements(By.cssSelector("#features tbody tr[data-organization]"))).hasSize(1);
        // a cell of the wide table may sit beyond its scrolled edge, where Selenium reads no text: read the DOM's
        assertThat(driver.findElement(By.cssSelector("#features tr[data-organization='" + first.organizationId()
                + "'] td[data-feature=members_invited]")).getDomProperty("textContent")).isEqualTo("1");
        assertThat(browser.textOf(By.cssSelector("#cohorts tbody tr[data-week] .organizations"))).isEqualTo("1");
        assertThat(driver.findElement(By.cssSelector("#cohorts tbody tr[data-week] td[data-step=first_member_invited]"))
                .getDomProperty("textContent")).isEqualTo("1");
        assertThat(browser.find(By.id("features-csv")).getDomAttribute("href"))
                .contains("table=features").contains("organizationId=" + first.organizationId());
        assertThat(driver.findElements(By.cssSelector("#actions tbody tr[data-action]"))).hasSize(1);
        assertThat(browser.textOf(By.cssSelector(
                "#actions tr[data-action='POST /api/v1/orgs/{orgId}/invitations'] .count"))).isEqualTo("1");

        // the tables as CSV, with the browser's session
        HttpResponse<String> features = download(session, browser.find(By.id("features-csv")).getDomAttribute("href"));
        assertThat(features.statusCode()).isEqualTo(200);
        assertThat(features.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csvLines(features.body());
        assertThat(lines.get(0)).startsWith("organization_id,name,onboarded_at,templates,");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(first.organizationId() + ",Operator Page First ");
        assertThat(csvLines(download(session, "/operator/analytics?format=csv&table=activation").body()).get(0))
                .isEqualTo("position,step,eligible,reached,percent_of_eligible,never_reached,percent_never_reached,"
                        + "reached_previous,converted_from_previous,conversion_percent,drop_off,out_of_order,"
                        + "median_seconds_from_previous,median_hours_from_previous");
        assertThat(csvLines(download(session, "/operator/analytics?format=csv&table=cohorts").body()).get(0))
                .startsWith("week,organizations,eligible_after_30_days,onboarded,first_conversation,");
        assertThat(csvLines(download(session, "/operator/analytics?format=csv&table=pages").body()).get(0))
                .startsWith("page,views,staff,organizations,last_page_of_stopped");
        assertThat(csvLines(download(session, "/operator/analytics?format=csv&table=feature-summary").body()).get(0))
                .isEqualTo("feature,organizations_using,percent_of_organizations,items");
        assertThat(csvLines(download(session, "/operator/analytics?format=csv&table=actions").body()).get(0))
                .isEqualTo("action,count,staff,organizations,last_at");
        assertThat(download(session, "/operator/analytics?format=csv&table=secrets").statusCode()).isEqualTo(400);

        // logging out ends the session
        driver.findElement(By.id("operator-logout")).click();
        browser.waitFor(ExpectedConditions.urlToBe(base + "/operator/login?logout"));
        assertThat(download(session, "/operator/analytics").statusCode()).as("the old cookie").isEqualTo(302);
        browser.open("/operator/analytics");
        browser.waitFor(ExpectedConditions.urlToBe(base + "/operator/login"));
    }

    @Test
    void aWrongKeyShowsTheErrorAndOpensNoSession() {
        Browser browser = Browser.at(base);
        browser.open("/operator/login");
        browser.find(By.id("key")).sendKeys("not-the-platform-key");
        browser.driver().findElement(By.id("operator-sign-in")).click();
        assertThat(browser.find(By.id("operator-login-refused")).getText()).isNotBlank();
        assertThat(browser.driver().findElement(By.id("key")).getDomProperty("value")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("not-the-platform-key");
        browser.open("/operator/analytics");
        browser.waitFor(ExpectedConditions.urlToBe(base + "/operator/login"));

        DashboardSession visitor = operatorForm();
        DashboardSession.Page refused = visitor.post("/operator/login", Map.of("key", "another-wrong-key"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("id=\"operator-login-refused\"").doesNotContain("another-wrong-key");
        assertThat(visitor.get("/operator/analytics").location()).endsWith("/operator/login");
    }

    @Test
    void theSignInNeedsTheFormsCsrfToken() {
        DashboardSession visitor = operatorForm();
        assertThat(visitor.postWithoutToken("/operator/login", Map.of("key", KEY)).status()).isEqualTo(403);
        assertThat(visitor.get("/operator/analytics").location()).as("no session").endsWith("/operator/login");
        assertThat(visitor.post("/operator/login", Map.of("key", KEY)).location()).endsWith("/operator/analytics");
        assertThat(visitor.postWithoutToken("/operator/logout", Map.of()).status()).isEqualTo(403);
        assertThat(visitor.get("/operator/analytics").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void aStaffSessionIsRefusedTheOperatorsPage() {
        DashboardSession owner = DashboardSession.logIn(base, TeamMembers.owner(first));
        assertThat(owner.get("/operator/analytics").status()).isEqualTo(403);
        assertThat(owner.get("/operator/analytics?format=csv&table=features").status()).isEqualTo(403);
        assertThat(owner.get("/app").status()).as("the staff session itself is untouched").isEqualTo(200);
    }

    @Test
    void theOperatorsSessionOpensNoStaffPageAndNoApiCall() {
        DashboardSession operator = signedIn();
        assertThat(operator.get("/app").location()).endsWith("/login").doesNotEndWith("/operator/login");
        assertThat(operator.get("/app/wallet").status()).isEqualTo(302);
        assertThat(operator.get("/api/v1/orgs/" + first.organizationId() + "/wallet").status()).isEqualTo(401);
        assertThat(operator.get("/admin/analytics/activation").status()).as("a cookie is no platform key")
                .isEqualTo(401);
        assertThat(operator.get("/operator/analytics").status()).as("the operator's session goes on").isEqualTo(200);
        assertThat(operator.get("/operator/analytics?onboardedFrom=yesterday").status()).isEqualTo(400);

        DashboardSession.Page out = operator.post("/operator/logout", Map.of());
        assertThat(out.location()).endsWith("/operator/login?logout");
        assertThat(operator.get("/operator/analytics").location()).endsWith("/operator/login");
    }

    @Test
    void theKeyHeaderOpensNoPage() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/operator/analytics"))
                .header("X-Admin-Key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("pages take a session, never a header's key").isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/operator/login");
    }

    /** A visitor holding the sign-in form (and its CSRF token). */
    private DashboardSession operatorForm() {
        DashboardSession visitor = DashboardSession.anonymous(base);
        assertThat(visitor.get("/operator/login").status()).isEqualTo(200);
        return visitor;
    }

    private DashboardSession signedIn() {
        DashboardSession operator = operatorForm();
        DashboardSession.Page in = operator.post("/operator/login", Map.of("key", KEY));
        assertThat(in.status()).isEqualTo(302);
        assertThat(in.location()).endsWith("/operator/analytics");
        return operator;
    }

    /** How long the session may stay idle, as Spring Session keeps it in PostgreSQL. */
    private Duration idleTimeoutOf(Cookie session) {
        String id = new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.UTF_8);
        Integer seconds = jdbc.queryForObject("SELECT max_inactive_interval FROM spring_session WHERE session_id = ?",
                Integer.class, id);
        return Duration.ofSeconds(seconds);
    }

    private HttpResponse<String> download(Cookie session, String path) throws IOException, InterruptedException {
        String address = path.startsWith("http") ? path : base + path;
        return HTTP.send(HttpRequest.newBuilder(URI.create(address)).header("Cookie", "SESSION=" + session.getValue())
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static List<String> csvLines(String body) {
        return (body.startsWith("\uFEFF") ? body.substring(1) : body).lines().toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
