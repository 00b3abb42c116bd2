package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.TeamMembers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An invitation link opened in a browser: the invitee sets a password there and logs in with it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InvitationBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void anInviteeSetsAPasswordInTheBrowserAndLogsIn() {
        String base = "http://localhost:" + port;
        AdminClient.Onboarded organization = new AdminClient(base).onboardOrganizationWithOwner();
        String login = "invitee-" + UUID.randomUUID() + "@example.com";
        AdminClient.Response invited = organization.owner().post(organization.path("/invitations"),
                Map.of("email", login, "displayName", "Achieng", "roles", List.of("viewer")));
        String token = invited.text("invitationToken");

        Browser browser = Browser.at(base).open("/invitation?token=" + token);
        browser.find(By.id("password")).sendKeys("a fine new passphrase");
        browser.find(By.id("confirmation")).sendKeys("a different passphrase");
        browser.find(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.find(By.id("invitation-error")).getText()).isEqualTo("The two passwords differ.");
        browser.screenshot("invitation");

        browser.find(By.id("password")).sendKeys("a fine new passphrase");
        browser.find(By.id("confirmation")).sendKeys("a fine new passphrase");
        browser.find(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.find(By.cssSelector("[role=status]")).getText()).contains("Your password is set");

        browser.logIn(new TeamMembers.Member(invited.text("userId"), login, "a fine new passphrase"));
        assertThat(browser.find(By.cssSelector("details.dropdown summary")).getText()).isEqualTo("Achieng");

        Browser again = Browser.at(base).open("/invitation?token=" + token);
        again.find(By.id("password")).sendKeys("another passphrase!");
        again.find(By.id("confirmation")).sendKeys("another passphrase!");
        again.find(By.cssSelector("form button[type=submit]")).click();
        assertThat(again.find(By.id("invitation-error")).getText()).contains("already used");
    }

    @Test
    void aWrongPasswordShowsTheReasonOnTheLoginForm() {
        String base = "http://localhost:" + port;
        AdminClient.Onboarded organization = new AdminClient(base).onboardOrganizationWithOwner();
        Browser browser = Browser.at(base).open("/login");
        browser.find(By.id("login")).sendKeys(organization.ownerLogin());
        browser.find(By.id("password")).sendKeys("not the password");
        browser.find(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.find(By.cssSelector("[role=alert]")).getText()).isEqualTo("Wrong login or password.");
        browser.screenshot("login");
    }
}
