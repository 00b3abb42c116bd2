package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events pages in a real browser: an editor creates an event with a ticket type and adds another from the
 * page (a ticket type the event refuses is explained on the form), contacts reserve and buy through the bot, and
 * the event's ticket types, sales, reservations and participants show it, each table also as CSV; a viewer reads
 * them but changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventPagesBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private String base;
    private AdminClient.Onboarded org;
    private TeamMembers.Member editor;
    private TeamMembers.Member viewer;
    private String listedEventId;

    @BeforeAll
    void organization() {
        base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        org = platform.onboard(Map.of("name", "Events Org", "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "lowBalanceThreshold", 0,
                "prices", List.of(Map.of("module", "general", "action", "reply", "tokens", 1),
                        Map.of("module", "events", "action", "reply", "tokens", 1),
                        Map.of("module", "events", "action", "ticket_issued", "tokens", 1))));
        assertThat(platform.post("/admin/organizations/" + org.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "mpesa-" + UUID.randomUUID(), "amount", 500)).status()).isEqualTo(200);
        AdminClient.Response created = org.owner().post(org.path("/events"), Map.of("name", "Harvest Festival",
                "venue", "Uhuru Gardens", "startsAt", "2031-06-01T10:00:00Z", "ticketTypes", List.of(Map.of(
                        "name", "Day pass", "price", 300, "currency", "KES", "quantityAvailable", 500))));
        assertThat(created.status()).isEqualTo(201);
        listedEventId = created.text("eventId");
        editor = TeamMembers.invite(org, "editor");
        viewer = TeamMembers.invite(org, "viewer");
    }

    @Test
    void anEditorCreatesAnEventWhoseTicketsSalesReservationsAndParticipantsThePageShows() throws Exception {
        Browser browser = Browser.at(base).logIn(editor);
        WebDriver driver = browser.driver();
        browser.find(By.cssSelector(".app-menu a[href='/app/events']")).click();
        browser.find(By.cssSelector("#new-event summary")).click();
        String name = "Gospel Night " + ThreadLocalRandom.current().nextInt(1000, 9999);
        browser.find(By.id("event-name")).sendKeys(name);
        browser.find(By.id("event-venue")).sendKeys("KICC");
        String startsAt = LocalDateTime.now(ZoneOffset.UTC).plusDays(30).truncatedTo(ChronoUnit.MINUTES).toString();
        setValue(driver, browser.find(By.id("event-starts")), startsAt);
        browser.find(By.id("event-type-name")).sendKeys("VIP");
        browser.find(By.id("event-type-price")).sendKeys("1500");
        browser.find(By.id("event-type-quantity")).sendKeys("10");
        browser.find(By.id("create-event-submit")).click();
        browser.waitFor(ExpectedConditions.urlMatches(".*/app/events/[0-9a-f-]{36}$"));
        String eventId = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(name);
        assertThat(browser.find(By.cssSelector("tr[data-type='vip'] .available")).getText()).isEqualTo("10");

        // a ticket type the event refuses is explained on the form, with what was typed
        browser.find(By.cssSelector("#new-ticket-type summary")).click();
        browser.find(By.id("type-name")).sendKeys("Regular");
        browser.find(By.id("type-price")).sendKeys("500");
        browser.find(By.id("type-currency")).clear();
        browser.find(By.id("type-currency")).sendKeys("XYZ");
        browser.find(By.id("type-quantity")).sendKeys("100");
        browser.find(By.id("add-ticket-type-submit")).click();
        assertThat(browser.find(By.id("type-error")).getText()).contains("ISO 4217");
        assertThat(browser.find(By.id("type-name")).getAttribute("value")).isEqualTo("Regular");
        browser.find(By.id("type-currency")).clear();
        browser.find(By.id("type-currency")).sendKeys("KES");
        browser.find(By.id("add-ticket-type-submit")).click();
        assertThat(browser.find(By.cssSelector("tr[data-type='regular'] .available")).getText()).isEqualTo("100");

        // one contact buys two VIP tickets and pays; another holds a regular one
        String buyer = phone();
        String holder = phone();
        buy(buyer, eventId, name, "vip", "VIP", 2);
        buy(holder, eventId, name, "regular", "Regular", 1);
        String paid = reservation(eventId, "vip");
        reservation(eventId, "regular");
        AdminClient.Response payment = org.owner().post(org.path("/ticket-reservations/" + paid + "/payment"),
                Map.of("paymentReference", "mpesa-QX" + ThreadLocalRandom.current().nextInt(10_000, 99_999),
                        "amountPaid", 3000));
        assertThat(payment.status()).as(payment.toString()).isEqualTo(200);
        awaitCount("SELECT count(*) FROM participants WHERE event_id = ?", eventId, 1);
        awaitCount("SELECT count(*) FROM tickets WHERE event_id = ?", eventId, 2);

        browser.open("/app/events/" + eventId);
        assertThat(browser.find(By.cssSelector("tr[data-type='vip'] .sold")).getText()).isEqualTo("2");
        assertThat(browser.find(By.cssSelector("tr[data-type='vip'] .available")).getText()).isEqualTo("8");
        assertThat(browser.find(By.cssSelector("tr[data-type='regular'] .reserved")).getText()).isEqualTo("1");
        assertThat(browser.find(By.cssSelector("tr[data-type='regular'] .available")).getText()).isEqualTo("99");
        assertThat(browser.find(By.cssSelector("#event-sold strong")).getText()).isEqualTo("2");
        assertThat(browser.find(By.id("sales")).getText()).contains(buyer).contains("VIP").contains("1500.00 KES");
        assertThat(browser.find(By.id("reservations")).getText()).contains("Paid").contains("Held").contains(holder);
        assertThat(browser.find(By.id("participants")).getText()).contains(buyer).doesNotContain(holder);
        browser.screenshotOfWholePage("event-detail");

        browser.find(By.linkText("All events")).click();
        assertThat(browser.find(By.cssSelector("tr[data-event='" + eventId + "'] .sold")).getText()).isEqualTo("2");
        assertThat(browser.find(By.cssSelector("tr[data-event='" + eventId + "'] .reserved")).getText()).isEqualTo("1");
        assertThat(browser.find(By.id("events")).getText()).contains("Harvest Festival");
        browser.screenshotOfWholePage("events");
        assertThat(browser.sidewaysScrollOnAPhone("/app/events", By.tagName("h1"))).isLessThanOrEqualTo(0);
        assertThat(browser.sidewaysScrollOnAPhone("/app/events/" + eventId, By.tagName("h1"))).isLessThanOrEqualTo(0);

        DashboardSession session = DashboardSession.logIn(base, editor);
        assertThat(csv(session, "/app/events/" + eventId + "?format=csv&table=types")).hasSize(3);
        List<String> sales = csv(session, "/app/events/" + eventId + "?format=csv&table=sales");
        assertThat(sales).hasSize(3);
        assertThat(sales.get(1)).contains(",VIP,").contains(buyer).contains(",1500.00,KES,");
        assertThat(csv(session, "/app/events/" + eventId + "?format=csv&table=reservations")).hasSize(3);
        List<String> participants = csv(session, "/app/events/" + eventId + "?format=csv&table=participants");
        assertThat(participants).hasSize(2);
        assertThat(participants.get(1)).contains(buyer);
        assertThat(String.join("\n", csv(session, "/app/events?format=csv"))).contains(eventId + "," + name + ",KICC,");
    }

    @Test
    void aViewerReadsEventsButCreatesNothing() {
        Browser browser = Browser.at(base).logIn(viewer);
        browser.find(By.cssSelector(".app-menu a[href='/app/events']")).click();
        WebDriver driver = browser.driver();
        assertThat(browser.find(By.cssSelector("tr[data-event='" + listedEventId + "']")).getText())
                .contains("Harvest Festival").contains("Uhuru Gardens").contains("500");
        assertThat(driver.findElements(By.id("new-event"))).isEmpty();
        browser.find(By.linkText("Harvest Festival")).click();
        assertThat(browser.find(By.cssSelector("tr[data-type='day-pass'] .available")).getText()).isEqualTo("500");
        assertThat(driver.findElements(By.id("new-ticket-type"))).isEmpty();

        DashboardSession session = DashboardSession.logIn(base, viewer);
        session.get("/app/events");
        assertThat(session.post("/app/events", Map.of("name", "Sneaky", "startsAt", "2031-01-01T10:00")).status())
                .isEqualTo(403);
        assertThat(session.post("/app/events/" + listedEventId + "/ticket-types", Map.of("name", "Free",
                "price", "0", "currency", "KES", "quantity", "5")).status()).isEqualTo(403);
        assertThat(session.get("/app/events/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_types WHERE event_id = ?", Long.class,
                listedEventId)).isEqualTo(1);
    }

    private void buy(String phone, String eventId, String eventName, String typeId, String typeName, int quantity) {
        says(phone, Map.of("text", "tickets"));
        says(phone, Map.of("listReply", Map.of("id", "event:" + eventId, "title", eventName)));
        says(phone, Map.of("listReply", Map.of("id", "tt:" + typeId, "title", typeName)));
        says(phone, Map.of("text", Integer.toString(quantity)));
        says(phone, Map.of("buttonReply", Map.of("id", "ticket:confirm", "title", "Yes, reserve")));
    }

    private void says(String phone, Map<String, Object> message) {
        Map<String, Object> body = new java.util.HashMap<>(message);
        body.put("from", phone);
        AdminClient.Response answer = org.owner().post(org.path("/inbound-messages"), body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    }

    private String reservation(String eventId, String ticketTypeId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> found = jdbc.queryForList("SELECT id FROM ticket_reservations WHERE event_id = ? "
                    + "AND ticket_type_id = ?", String.class, eventId, ticketTypeId);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no reservation of " + ticketTypeId);
    }

    private void awaitCount(String sql, String eventId, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (jdbc.queryForObject(sql, Long.class, eventId) == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(sql + " never counted " + expected);
    }

    private static List<String> csv(DashboardSession session, String path) {
        DashboardSession.Page page = session.get(path);
        assertThat(page.status()).isEqualTo(200);
        return page.body().lines().toList();
    }

    private static void setValue(WebDriver driver, WebElement input, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", input, value);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }
}
