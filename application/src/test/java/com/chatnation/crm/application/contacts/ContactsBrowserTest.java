package com.chatnation.crm.application.contacts;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contacts pages in a real browser: a contact who wrote through the webhook is found by number and by name,
 * their profile and transcript open, tags and attributes changed in the page are the API's, refusals show next to
 * the field, and a viewer can read but not change (no controls, and 403 when posting anyway).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsBrowserTest {

    private static final String MESSAGE = "hello from the webhook";

    @LocalServerPort
    int port;

    private String base;
    private AdminClient.Onboarded organization;
    private String phone;
    private String contactId;
    private TeamMembers.Member viewer;

    @BeforeAll
    void aContactWrote() {
        base = "http://localhost:" + port;
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        organization = new AdminClient(base).onboard(Map.of("name", "Contacts Org", "phoneNumberId", phoneNumberId,
                "lowBalanceThreshold", 0));
        phone = "2547" + (10_000_000 + (int) (Math.random() * 89_999_999));
        assertThat(new WebhookClient(port).postSigned(WebhookClient.text(phoneNumberId, phone,
                "wamid.contacts-" + UUID.randomUUID(), MESSAGE)).statusCode()).isEqualTo(200);
        contactId = eventually(() -> {
            JsonNode items = organization.owner().get(organization.path("/contacts?q=" + phone)).body().path("items");
            return items.size() == 1 ? items.get(0).path("id").asText() : null;
        });
        String session = eventually(() -> {
            JsonNode items = organization.owner().get(organization.path("/contacts/" + contactId + "/conversations"))
                    .body().path("items");
            return items.isEmpty() ? null : items.get(0).path("id").asText();
        });
        eventually(() -> organization.owner().get(organization.path("/conversations/" + session + "/messages"))
                .body().path("items").toString().contains(MESSAGE) ? "shown" : null);
        viewer = TeamMembers.invite(organization, "viewer");
    }

    @Test
    void aContactWhoWroteIsFoundBySearchAndTheirProfileAndTranscriptOpen() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        browser.find(By.cssSelector(".app-menu a[href='/app/contacts']")).click();
        browser.find(By.id("contact-search")).sendKeys(phone.substring(0, 8));
        browser.find(By.id("contact-search-submit")).click();
        browser.waitFor(ExpectedConditions.urlContains("q=" + phone.substring(0, 8)));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#contact-results tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("+" + phone).contains("Test Contact");
        browser.screenshot("contacts");

        browser.open("/app/contacts?q=st+CONT");
        assertThat(browser.find(By.id("contact-results")).getText()).as("a part of the name, any case")
                .contains("+" + phone);
        browser.open("/app/contacts?q=2541");
        assertThat(browser.find(By.id("contact-results")).getText()).doesNotContain("+" + phone);

        browser.open("/app/contacts?q=" + phone);
        browser.find(By.cssSelector("#contact-results a.contact-link")).click();
        browser.waitFor(ExpectedConditions.urlToBe(base + "/app/contacts/" + contactId));
        assertThat(browser.find(By.id("contact-name")).getText()).isEqualTo("Test Contact");
        assertThat(browser.find(By.id("contact-phone")).getText()).isEqualTo("+" + phone);
        assertThat(browser.find(By.id("contact-last-seen")).getText()).isNotEqualTo("Never");
        assertThat(browser.find(By.id("conversation-table")).getText()).contains("active");

        browser.find(By.cssSelector("#conversation-table a.transcript-link")).click();
        assertThat(browser.find(By.cssSelector("#transcript .bubble.inbound")).getText()).contains(MESSAGE);
        browser.screenshot("contact-transcript");
        browser.find(By.id("back-to-contact")).click();
        browser.waitFor(ExpectedConditions.urlToBe(base + "/app/contacts/" + contactId));
    }

    @Test
    void tagsAndAttributesChangedInThePageAreTheApisAndRefusalsShowNextToTheField() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        browser.open("/app/contacts/" + contactId);

        browser.find(By.id("new-tag")).sendKeys("not a tag!");
        browser.find(By.id("add-tag")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.cssSelector("#tag-help.field-error"),
                "A tag is 1 to 64 letters, digits, - or _, starting with a letter or digit."));
        assertThat(browser.find(By.id("new-tag")).getAttribute("value")).as("what was typed stays")
                .isEqualTo("not a tag!");

        addTag(browser, "VIP");
        browser.find(By.cssSelector("#tag-list [data-tag='vip']"));
        addTag(browser, "gold");
        browser.find(By.cssSelector("#tag-list [data-tag='gold'] button")).click();
        browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#tag-list [data-tag='gold']")));
        assertThat(browser.find(By.id("tag-list")).getText()).contains("vip");
        assertThat(apiContact().path("tags").toString()).isEqualTo("[\"vip\"]");

        browser.find(By.id("attribute-key")).sendKeys("City Name");
        browser.find(By.id("attribute-value")).sendKeys("Nairobi");
        browser.find(By.id("set-attribute")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.cssSelector("#attribute-help.field-error"),
                "A key is 1 to 64 lowercase letters, digits or _."));
        WebElement key = browser.find(By.id("attribute-key"));
        key.clear();
        key.sendKeys("city");
        browser.find(By.id("set-attribute")).click();
        assertThat(browser.find(By.cssSelector("#attribute-table [data-key='city']")).getText()).contains("Nairobi");
        assertThat(apiContact().path("attributes").path("city").asText()).isEqualTo("Nairobi");
        browser.screenshotOfWholePage("contact-profile");

        DashboardSession owner = DashboardSession.logIn(base, TeamMembers.owner(organization));
        DashboardSession.Page tagged = owner.get("/app/contacts?format=csv&tag=vip");
        assertThat(tagged.status()).isEqualTo(200);
        assertThat(tagged.body().lines().toList()).hasSize(2);
        assertThat(tagged.body()).contains("+" + phone).contains(contactId);
        assertThat(owner.get("/app/contacts?format=csv&tag=gold").body().lines().toList()).as("header only").hasSize(1);
        assertThat(owner.get("/app/contacts/" + contactId + "?format=csv&table=conversations").body())
                .contains("active");
    }

    @Test
    void aViewerReadsTheProfileWithoutEditControlsAndIsRefusedWhenPostingAnyway() {
        Browser browser = Browser.at(base).logIn(viewer);
        browser.open("/app/contacts/" + contactId);
        assertThat(browser.find(By.id("contact-name")).getText()).isEqualTo("Test Contact");
        WebDriver driver = browser.driver();
        assertThat(driver.findElements(By.id("tag-form"))).isEmpty();
        assertThat(driver.findElements(By.id("attribute-form"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#tags button, #attributes button"))).isEmpty();

        DashboardSession session = DashboardSession.logIn(base, viewer);
        assertThat(session.get("/app/contacts/" + contactId).status()).isEqualTo(200);
        assertThat(session.post("/app/contacts/" + contactId + "/tags", Map.of("tag", "from-a-viewer")).status())
                .isEqualTo(403);
        assertThat(session.post("/app/contacts/" + contactId + "/attributes", Map.of("key", "viewer", "value", "x"))
                .status()).isEqualTo(403);
        JsonNode contact = apiContact();
        assertThat(contact.path("tags").toString()).doesNotContain("from-a-viewer");
        assertThat(contact.path("attributes").has("viewer")).isFalse();
    }

    @Test
    void anotherOrganizationsMemberFindsNeitherTheContactNorTheirTranscript() {
        AdminClient.Onboarded other = new AdminClient(base).onboardOrganizationWithOwner();
        DashboardSession stranger = DashboardSession.logIn(base, TeamMembers.owner(other));
        assertThat(stranger.get("/app/contacts/" + contactId).status()).isEqualTo(404);
        assertThat(stranger.post("/app/contacts/" + contactId + "/tags", Map.of("tag", "stranger")).status())
                .isEqualTo(404);
        assertThat(stranger.get("/app/contacts?format=csv").body().lines().toList()).hasSize(1);
        assertThat(apiContact().path("tags").toString()).doesNotContain("stranger");
    }

    @Test
    void onAPhoneTheProfileFitsTheScreen() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        WebDriver driver = browser.driver();
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.open("/app/contacts/" + contactId);
            browser.find(By.id("contact-name"));
            Object overflow = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            browser.screenshot("contact-profile-phone");
            Object widest = ((JavascriptExecutor) driver).executeScript("""
                    const width = document.documentElement.clientWidth;
                    return [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > width + 0.5 && e.children.length === 0)
                        .map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))
                        .slice(0, 5).join(' | ');""");
            assertThat(((Number) overflow).longValue()).as("horizontal scrolling on a phone, past the edge: " + widest)
                    .isLessThanOrEqualTo(0);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private static void addTag(Browser browser, String tag) {
        WebElement input = browser.find(By.id("new-tag"));
        input.clear();
        input.sendKeys(tag);
        browser.find(By.id("add-tag")).click();
        browser.find(By.cssSelector("#tag-list [data-tag='" + tag.toLowerCase() + "']"));
    }

    private JsonNode apiContact() {
        AdminClient.Response contact = organization.owner().get(organization.path("/contacts/" + contactId));
        assertThat(contact.status()).isEqualTo(200);
        return contact.body();
    }

    private static <T> T eventually(Supplier<T> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<Throwable> failures = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException notYet) {
                failures.add(notYet);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("never happened; last failure: "
                + (failures.isEmpty() ? "none" : failures.get(failures.size() - 1)));
    }
}
