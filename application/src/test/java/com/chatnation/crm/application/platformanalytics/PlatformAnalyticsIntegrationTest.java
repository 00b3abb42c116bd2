package com.chatnation.crm.application.platformanalytics;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.TestDatabaseEnvironmentPostProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's activation funnel end to end on real PostgreSQL: a fresh organization reaches steps (a paid
 * purchase, a conversation, a member invited by its owner), its owner's dashboard page views are recorded by route
 * pattern, and only the platform key reads {@code /admin/analytics/**}. The shared database holds other tests'
 * organizations, so every figure is read for this organization alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlatformAnalyticsIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private AdminClient platform;

    @BeforeEach
    void client() {
        platform = new AdminClient(base());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void aFreshOrganizationReachesStepsAndItsStaffsPageViewsAreCounted() {
        AdminClient.Onboarded org = platform.onboard(Map.of("name", "Funnel org " + UUID.randomUUID(),
                "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "prices", List.of(Map.of("module", "general", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", 0));
        String funnel = "/admin/analytics/activation?organizationId=" + org.organizationId();

        // onboarded, nothing else yet; the owner the platform invited is not a team member invited
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(reached(platform.get(funnel).body())).containsEntry("onboarded", 1L));
        assertThat(reached(platform.get(funnel).body())).containsEntry("first_conversation", 0L)
                .containsEntry("first_member_invited", 0L).containsEntry("first_purchase_paid", 0L);

        assertThat(platform.post("/admin/organizations/" + org.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "pay-" + UUID.randomUUID(), "amount", 50)).status()).isEqualTo(200);
        assertThat(org.owner().post(org.path("/inbound-messages"), Map.of("from", "+254711" + digits(6),
                "text", "hi")).status()).isEqualTo(202);
        TeamMembers.invite(org, "agent");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode body = platform.get(funnel).body();
            assertThat(body.path("organizations").asLong()).isEqualTo(1);
            assertThat(reached(body)).containsEntry("onboarded", 1L).containsEntry("first_conversation", 1L)
                    .containsEntry("first_member_invited", 1L).containsEntry("first_purchase_paid", 1L)
                    .containsEntry("first_flow_published", 0L).containsEntry("first_broadcast_sent", 0L)
                    .containsEntry("active_after_30_days", 0L);
        });
        JsonNode active = platform.get(funnel).body().path("steps").get(7);
        assertThat(active.path("eligible").asLong()).as("a day-old organization is not 30 days old").isZero();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode cohorts = platform.get("/admin/analytics/activation/cohorts?organizationId=" + org.organizationId()
                + "&onboardedFrom=" + today + "&onboardedTo=" + today).body();
        assertThat(cohorts).hasSize(1);
        assertThat(cohorts.get(0).path("week").asText())
                .isEqualTo(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString());
        assertThat(cohorts.get(0).path("reached").path("first_member_invited").asLong()).isEqualTo(1);
        assertThat(platform.get("/admin/analytics/activation/cohorts?organizationId=" + org.organizationId()
                + "&onboardedTo=" + today.minusDays(1)).body()).as("onboarded today, not before").isEmpty();

        // the owner opens two pages, one of them twice within the minute, and a partial refresh
        DashboardSession owner = DashboardSession.logIn(base(), TeamMembers.owner(org));
        assertThat(owner.get("/app/team").status()).isEqualTo(200);
        assertThat(owner.get("/app/team").status()).isEqualTo(200);
        owner.htmx("/app/team");
        String usage = "/admin/analytics/dashboard-usage?organizationId=" + org.organizationId();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, JsonNode> pages = new HashMap<>();
            platform.get(usage).body().path("pages").forEach(page -> pages.put(page.path("page").asText(), page));
            assertThat(pages).containsKeys("/app", "/app/team");
            assertThat(pages.get("/app/team").path("staff").asLong()).isEqualTo(1);
        });
        List<String> stored = jdbc.queryForList("SELECT page FROM platform_page_views WHERE staff_id = ? ORDER BY 1",
                String.class, org.ownerUserId());
        assertThat(stored).contains("/app", "/app/team").allMatch(page -> page.startsWith("/app"));
        assertThat(stored.stream().filter("/app/team"::equals).count())
                .as("one view per member, page and minute").isBetween(1L, 2L);

        JsonNode features = platform.get("/admin/analytics/feature-usage?organizationId=" + org.organizationId())
                .body().path("perOrganization").get(0);
        assertThat(features.path("organizationId").asText()).isEqualTo(org.organizationId());
        assertThat(features.path("features").path("members_invited").asLong()).isEqualTo(1);
        assertThat(features.path("features").path("members_joined").asLong()).as("the owner and the agent")
                .isEqualTo(2);
        assertThat(features.path("features").path("token_purchases").asLong()).isEqualTo(1);
        assertThat(features.path("features").path("templates").asLong()).isZero();
        assertThat(features.path("pageViews").asLong()).isGreaterThanOrEqualTo(2);

        HttpResponse<String> csv = csv("/admin/analytics/activation?format=csv&organizationId=" + org.organizationId());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains("position,step,eligible,reached").contains("\r\n6,first_member_invited,1,1,");

        // a rebuild from the event store, page views included, gives this organization the same rows
        Map<String, List<String>> live = rows(org.organizationId());
        assertThat(platform.post("/admin/replay/analytics-platform", Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(platform.get("/admin/replay/analytics-platform").body().path("state").asText())
                        .isEqualTo("completed"));
        assertThat(rows(org.organizationId())).isEqualTo(live);
        assertThat(live.get("platform_page_views")).isNotEmpty();
    }

    private Map<String, List<String>> rows(String organizationId) {
        Map<String, List<String>> rows = new HashMap<>();
        for (String table : List.of("platform_activation", "platform_feature_items", "platform_page_views",
                "platform_staff_actions")) {
            rows.put(table, jdbc.queryForList("SELECT row_to_json(t)::jsonb::text FROM " + table
                    + " t WHERE organization_id = ? ORDER BY 1", String.class, organizationId));
        }
        return rows;
    }

    @Test
    void onlyThePlatformKeyReadsTheFunnel() {
        AdminClient.Onboarded org = platform.onboardOrganizationWithOwner();
        AdminClient key = AdminClient.bearer(base(), org.apiKey());
        for (String path : List.of("/admin/analytics/activation", "/admin/analytics/activation/cohorts",
                "/admin/analytics/feature-usage", "/admin/analytics/dashboard-usage",
                "/admin/analytics/staff-actions")) {
            assertThat(org.owner().get(path).status()).as(path).isEqualTo(403);
            assertThat(key.get(path).status()).as(path).isEqualTo(403);
            assertThat(new AdminClient(base(), (String) null).get(path).status()).as(path).isEqualTo(401);
            assertThat(platform.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(platform.get("/admin/analytics/activation?onboardedFrom=yesterday").status()).isEqualTo(400);
        assertThat(platform.get("/admin/analytics/dashboard-usage?idleDays=0").status()).isEqualTo(400);
    }

    /**
     * Staff actions are recorded by route pattern for a member's successful changes, on the dashboard (a form whose
     * answer is a redirect) and through the API with an access token; an API key's change and refused changes are
     * not. The refused and the key's requests come before the last recorded action, and the projection handles
     * events in order, so once that action is read they would have been read too.
     */
    @Test
    void aStaffMembersSuccessfulChangesAreRecordedAsActionsByRoutePattern() {
        AdminClient.Onboarded org = platform.onboardOrganizationWithOwner();

        // through the API with the owner's access token: recorded
        TeamMembers.Member agent = TeamMembers.invite(org, "agent");
        AdminClient.Response issued = org.owner().post(org.path("/api-keys"),
                Map.of("name", "Ticketing", "scopes", List.of("write")));
        assertThat(issued.status()).isEqualTo(201);
        // an API key's change: not staff, not recorded
        AdminClient key = AdminClient.bearer(base(), issued.text("key"));
        assertThat(key.post(org.path("/events"), Map.of("name", "Expo", "venue", "KICC",
                "startsAt", "2031-03-01T09:00:00Z", "ticketTypes", List.of())).status()).isEqualTo(201);
        // refused changes: not recorded
        assertThat(org.owner().post(org.path("/invitations"), Map.of("roles", List.of("agent"))).status())
                .isBetween(400, 499);
        DashboardSession owner = DashboardSession.logIn(base(), TeamMembers.owner(org));
        assertThat(owner.get("/app/team").status()).isEqualTo(200);
        assertThat(owner.post("/app/team/invitations", Map.of("email", "x".repeat(250) + "@example.com",
                "roles", "agent")).status()).isEqualTo(422);
        // a form on the dashboard, answered with a redirect: recorded
        DashboardSession.Page changed = owner.post("/app/team/members/" + agent.userId() + "/roles",
                Map.of("roles", "editor"));
        assertThat(changed.status()).isEqualTo(302);

        String invite = "POST /api/v1/orgs/{orgId}/invitations";
        String newKey = "POST /api/v1/orgs/{orgId}/api-keys";
        String roles = "POST /app/team/members/{userId}/roles";
        String report = "/admin/analytics/staff-actions?organizationId=" + org.organizationId();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(actions(platform.get(report).body())).containsKey(roles));
        JsonNode body = platform.get(report).body();
        assertThat(actions(body)).as("the route patterns, without ids, and nothing else").containsOnlyKeys(invite, newKey, roles);
        assertThat(actions(body).get(invite).path("count").asLong()).as("the refused invitation is not counted")
                .isEqualTo(1);
        JsonNode roleChange = actions(body).get(roles);
        assertThat(roleChange.path("count").asLong()).isEqualTo(1);
        assertThat(roleChange.path("staff").asLong()).isEqualTo(1);
        assertThat(roleChange.path("organizations").asLong()).isEqualTo(1);
        assertThat(roleChange.path("lastAt").asText()).isNotBlank();
        assertThat(body.path("count").asLong()).isEqualTo(3);
        assertThat(body.path("staff").asLong()).isEqualTo(1);

        List<String> stored = jdbc.queryForList("SELECT action FROM platform_staff_actions WHERE organization_id = ?"
                + " ORDER BY 1", String.class, org.organizationId());
        assertThat(stored).containsExactly(newKey, invite, roles)
                .noneMatch(action -> action.contains(agent.userId()) || action.contains(org.organizationId()));
        assertThat(jdbc.queryForList("SELECT DISTINCT staff_id FROM platform_staff_actions WHERE organization_id = ?",
                String.class, org.organizationId())).containsExactly(org.ownerUserId());

        JsonNode features = platform.get("/admin/analytics/feature-usage?organizationId=" + org.organizationId())
                .body().path("perOrganization").get(0);
        assertThat(features.path("actions").asLong()).isEqualTo(3);
        Map<String, JsonNode> pages = new HashMap<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            pages.clear();
            platform.get("/admin/analytics/dashboard-usage?organizationId=" + org.organizationId()).body()
                    .path("pages").forEach(page -> pages.put(page.path("page").asText(), page));
            assertThat(pages).containsKey("/app/team");
        });
        assertThat(pages.get("/app/team").path("actions").asLong()).as("the role change is beneath /app/team")
                .isEqualTo(1);

        HttpResponse<String> csv = csv(report + "&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("action,count,staff,organizations,last_at\r\n")
                .contains("\r\n" + roles + ",1,1,1,");
    }

    private static Map<String, JsonNode> actions(JsonNode report) {
        Map<String, JsonNode> actions = new HashMap<>();
        report.path("actions").forEach(action -> actions.put(action.path("action").asText(), action));
        return actions;
    }

    private static Map<String, Long> reached(JsonNode funnel) {
        Map<String, Long> reached = new HashMap<>();
        funnel.path("steps").forEach(step -> reached.put(step.path("step").asText(), step.path("reached").asLong()));
        return reached;
    }

    private HttpResponse<String> csv(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("X-Admin-Key", TestDatabaseEnvironmentPostProcessor.ADMIN_KEY).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digits(int n) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            digits.append((int) (Math.random() * 10));
        }
        return digits.toString();
    }
}
