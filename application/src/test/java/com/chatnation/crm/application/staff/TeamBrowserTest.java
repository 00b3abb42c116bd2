package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team page in a real browser: the owner invites a member and the link shown once lets them in, issues an API
 * key shown once and revokes it, and is told why they cannot drop the last owner; an admin sees the team but none
 * of the controls, and the server refuses them anyway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamBrowserTest {

    @LocalServerPort
    int port;

    private String base;
    private AdminClient.Onboarded organization;
    private TeamMembers.Member admin;

    @BeforeAll
    void team() {
        base = "http://localhost:" + port;
        organization = new AdminClient(base).onboardOrganizationWithOwner();
        admin = TeamMembers.invite(organization, "admin");
    }

    @Test
    void theOwnerInvitesAMemberInThePageAndTheLinkLetsThemIn() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        browser.find(By.cssSelector(".app-menu a[href='/app/team']")).click();
        String login = "njeri-" + UUID.randomUUID() + "@example.com";
        browser.find(By.id("invite-email")).sendKeys(login);
        browser.find(By.id("invite-name")).sendKeys("Njeri");
        browser.find(By.id("invite-submit")).click();
        browser.waitFor(ExpectedConditions.textToBe(By.id("invite-error"), "Choose at least one role."));
        assertThat(browser.find(By.id("invite-email")).getAttribute("value")).as("what was typed stays").isEqualTo(login);

        browser.find(By.id("invite-role-editor")).click();
        browser.find(By.id("invite-submit")).click();
        String link = browser.find(By.id("invitation-link")).getText();
        assertThat(link).startsWith(base + "/invitation?token=crminv_");
        assertThat(browser.find(By.id("member-table")).getText()).contains(login).contains("Njeri").contains("Invited");
        browser.screenshotOfWholePage("team");
        browser.open("/app/team");
        assertThat(browser.driver().findElements(By.id("invitation-link"))).as("shown once").isEmpty();

        Browser invitee = Browser.at(base).open(link.substring(base.length()));
        invitee.find(By.id("password")).sendKeys("njeri's own passphrase");
        invitee.find(By.id("confirmation")).sendKeys("njeri's own passphrase");
        invitee.find(By.cssSelector("form button[type=submit]")).click();
        assertThat(invitee.find(By.cssSelector("[role=status]")).getText()).contains("Your password is set");
        invitee.logIn(new TeamMembers.Member(null, login, "njeri's own passphrase"));
        assertThat(invitee.find(By.cssSelector("details.dropdown summary")).getText()).isEqualTo("Njeri");
        assertThat(invitee.driver().findElements(By.cssSelector(".app-menu a[href='/app/team']")))
                .as("an editor has no team page").isEmpty();

        JsonNode member = member(login);
        assertThat(member.path("status").asText()).isEqualTo("active");
        assertThat(member.path("roles").toString()).isEqualTo("[\"editor\"]");
    }

    @Test
    void anAdminSeesTheTeamButNoControlsAndTheServerRefusesThem() {
        Browser browser = Browser.at(base).logIn(admin);
        browser.find(By.cssSelector(".app-menu a[href='/app/team']")).click();
        assertThat(browser.find(By.id("member-table")).getText()).contains(organization.ownerLogin())
                .contains(admin.login());
        WebDriver driver = browser.driver();
        assertThat(driver.findElements(By.id("invite-form"))).isEmpty();
        assertThat(driver.findElements(By.id("invite-submit"))).isEmpty();
        assertThat(driver.findElements(By.id("api-keys"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#member-table form, #member-table button"))).isEmpty();

        DashboardSession session = DashboardSession.logIn(base, admin);
        assertThat(session.get("/app/team").status()).isEqualTo(200);
        String login = "refused-" + UUID.randomUUID() + "@example.com";
        assertThat(session.post("/app/team/invitations", Map.of("email", login, "roles", "viewer")).status())
                .isEqualTo(403);
        assertThat(session.post("/app/team/keys", Map.of("name", "sneaky", "scopes", "write")).status())
                .isEqualTo(403);
        assertThat(session.get("/app/team?format=csv&table=keys").status()).isEqualTo(403);
        assertThat(member(login).isMissingNode()).isTrue();

        DashboardSession.Page csv = session.get("/app/team?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(organization.ownerLogin()).contains(admin.login()).contains("owner");
    }

    @Test
    void anApiKeyIsShownOnceWorksAndStopsWorkingWhenRevoked() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        browser.open("/app/team");
        browser.find(By.id("key-name")).sendKeys("reporting");
        browser.find(By.id("key-submit")).click();
        assertThat(browser.find(By.id("key-error")).getText()).isEqualTo("Choose at least one scope.");
        browser.find(By.id("key-scope-read")).click();
        browser.find(By.id("key-submit")).click();
        String key = browser.find(By.id("api-key-value")).getText();
        assertThat(key).startsWith("crm_");
        assertThat(AdminClient.bearer(base, key).get(organization.path("/wallet")).status()).isEqualTo(200);

        browser.open("/app/team");
        assertThat(browser.driver().findElements(By.id("api-key-value"))).as("shown once").isEmpty();
        By row = By.xpath("//table[@id='key-table']//tr[td[1][normalize-space()='reporting']]");
        browser.find(row).findElement(By.cssSelector("button.revoke")).click();
        browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(row, "Revoked"));
        assertThat(AdminClient.bearer(base, key).get(organization.path("/wallet")).status()).isEqualTo(401);
    }

    @Test
    void theLastOwnerCannotGiveUpTheOwnerRoleAndThePageSaysWhy() {
        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        browser.open("/app/team");
        WebElement row = browser.find(By.id("member-" + organization.ownerUserId()));
        row.findElement(By.cssSelector(".change-roles summary")).click();
        row.findElement(By.cssSelector("input[value='owner']")).click();
        row.findElement(By.cssSelector("input[value='admin']")).click();
        row.findElement(By.cssSelector(".roles-form button")).click();
        browser.waitFor(ExpectedConditions.textToBe(
                By.cssSelector("#member-" + organization.ownerUserId() + " .field-error"),
                "Your organization must keep at least one active owner."));
        assertThat(member(organization.ownerLogin()).path("roles").toString()).isEqualTo("[\"owner\"]");
    }

    @Test
    void aFreshInvitationLinkReplacesTheOldOneAndAnInvitationCanBeCancelled() {
        String login = "late-" + UUID.randomUUID() + "@example.com";
        AdminClient.Response invited = organization.owner().post(organization.path("/invitations"),
                Map.of("email", login, "roles", List.of("agent")));
        String userId = invited.text("userId");
        String oldToken = invited.text("invitationToken");

        DashboardSession owner = DashboardSession.logIn(base, TeamMembers.owner(organization));
        owner.get("/app/team");
        DashboardSession.Page renewed = owner.post("/app/team/members/" + userId + "/invitation", Map.of());
        assertThat(renewed.status()).isEqualTo(200);
        Matcher link = Pattern.compile("id=\"invitation-link\"[^>]*>[^<]*/invitation\\?token=(crminv_[A-Za-z0-9_-]+)<")
                .matcher(renewed.body());
        assertThat(link.find()).as("the fresh link is shown").isTrue();
        String newToken = link.group(1);
        assertThat(newToken).isNotEqualTo(oldToken);
        AdminClient anonymous = new AdminClient(base, (String) null);
        assertThat(anonymous.post("/api/v1/auth/invitations/accept", Map.of("token", oldToken,
                "password", TeamMembers.PASSWORD)).status()).as("the old link stopped working").isEqualTo(401);

        DashboardSession.Page cancelled = owner.post("/app/team/members/" + userId + "/deactivation", Map.of());
        assertThat(cancelled.status()).isEqualTo(302);
        assertThat(cancelled.location()).endsWith("/app/team");
        assertThat(member(login).path("status").asText()).isEqualTo("deactivated");
        assertThat(anonymous.post("/api/v1/auth/invitations/accept", Map.of("token", newToken,
                "password", TeamMembers.PASSWORD)).status()).as("a cancelled invitation").isIn(401, 422);
        assertThat(owner.post("/app/team/members/" + UUID.randomUUID() + "/deactivation", Map.of()).status())
                .as("someone not in the team").isEqualTo(404);
    }

    private JsonNode member(String login) {
        for (JsonNode member : organization.owner().get(organization.path("/users")).body()) {
            if (login.equals(member.path("email").asText())) {
                return member;
            }
        }
        return MissingNode.getInstance();
    }
}
