package com.chatnation.crm.application.audit;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Browser;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log page: an invitation made in the team page shows with who made it, the action filter narrows the
 * list, the CSV holds the same rows without secrets, an admin reads it and a filter the API would refuse is
 * explained next to the form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogBrowserTest {

    @LocalServerPort
    int port;

    @Test
    void anInvitationMadeInTheTeamPageShowsInTheAuditLogWithItsAuthor() {
        String base = "http://localhost:" + port;
        AdminClient.Onboarded organization = new AdminClient(base).onboardOrganizationWithOwner();
        TeamMembers.Member admin = TeamMembers.invite(organization, "admin");
        String login = "audited-" + UUID.randomUUID() + "@example.com";

        Browser browser = Browser.at(base).logIn(TeamMembers.owner(organization));
        browser.open("/app/team");
        browser.find(By.id("invite-email")).sendKeys(login);
        browser.find(By.id("invite-role-viewer")).click();
        browser.find(By.id("invite-submit")).click();
        browser.find(By.id("invitation-link"));
        awaitAuditEntry(organization, login);

        browser.find(By.cssSelector(".app-menu a[href='/app/audit']")).click();
        browser.find(By.id("audit-action")).sendKeys("StaffInvited");
        browser.find(By.id("audit-filter")).click();
        List<WebElement> rows = browser.waitFor(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("#audit-table tr.audit-row"));
            return found.isEmpty() ? null : found;
        });
        assertThat(rows).allSatisfy(row -> assertThat(row.getAttribute("data-action")).isEqualTo("StaffInvited"));
        WebElement invitation = rows.stream().filter(row -> {
                    row.findElement(By.tagName("summary")).click();
                    return row.findElement(By.cssSelector("pre.json")).getText().contains(login);
                }).findFirst().orElseThrow(() -> new AssertionError("no row for the invitation of " + login));
        assertThat(invitation.getText()).contains("Owner").contains("member").contains("Team");
        assertThat(invitation.findElement(By.cssSelector("pre.json")).getText()).doesNotContain("Hash")
                .doesNotContain("crminv_");
        browser.screenshotOfWholePage("audit");

        DashboardSession owner = DashboardSession.logIn(base, TeamMembers.owner(organization));
        DashboardSession.Page csv = owner.get("/app/audit?format=csv&action=StaffInvited");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).contains("occurred_at").contains("actor_name");
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allSatisfy(line -> assertThat(line).contains("StaffInvited"));
        assertThat(csv.body()).contains(login).contains(organization.ownerUserId()).doesNotContain("crminv_");
        assertThat(owner.get("/app/audit?format=csv&action=ApiKeyIssued").body()).doesNotContain(login);

        DashboardSession.Page refused = owner.get("/app/audit?action=not+a+name");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"audit-filter-error\"").contains("action must be a name");

        DashboardSession asAdmin = DashboardSession.logIn(base, admin);
        assertThat(asAdmin.get("/app/audit?action=StaffInvited").body()).contains(login);
        DashboardSession asEditor = DashboardSession.logIn(base, TeamMembers.invite(organization, "editor"));
        assertThat(asEditor.get("/app/audit").status()).isEqualTo(403);
    }

    /** The audit log follows the event log (a tracking processor), moments behind the invitation. */
    private static void awaitAuditEntry(AdminClient.Onboarded organization, String login) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode items = organization.owner().get(organization.path("/audit-log?action=StaffInvited")).body()
                    .path("items");
            if (items.toString().contains(login)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the invitation of " + login + " never reached the audit log");
    }
}
