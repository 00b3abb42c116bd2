package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.application.support.TestDatabaseEnvironmentPostProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of every dashboard page controller, as every kind of visitor: nobody, each staff role of organization
 * A, a member of organization B, the platform operator's session, and an API bearer token (which pages must not
 * accept). Routes are read from the
 * running service's handler mappings, so a new page without a row here fails the test. The matrix is written here,
 * apart from the service's own rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageBatteryTest {

    // O owner, A admin, E editor, G agent, V viewer, B billing, T gate, X exhibitor (organization A); M any member; * anyone;
    // P the platform operator, signed in with the platform key (no member of any organization).
    private static final String MEMBER = "M";
    private static final String OPERATOR = "P";
    private static final String ANYONE = "*";
    private static final String WALLET_READ = "OAVB";
    private static final String WALLET_WRITE = "OB";
    private static final String PAYMENTS = "OAB";
    private static final String ANALYTICS_READ = "OAEV";
    private static final String CONTENT_WRITE = "OAE";
    private static final String CONTACTS_READ = "OAEGV";
    private static final String CONVERSATIONS_WRITE = "OAG";
    private static final String TEAM_READ = "OA";
    private static final String TEAM_MANAGE = "O";
    private static final String AUDIT_READ = "OA";
    private static final String CHECK_IN = "OAT";
    private static final String LEADS_READ = "OAX";

    private static final Map<String, String> MATRIX = matrix(
            "GET /login", ANYONE,
            "GET /invitation", ANYONE,
            "POST /invitation", ANYONE,
            // a HypeCard's public page (the code x1 is no share code: 404 for everyone)
            "GET /c/{shareCode}", ANYONE,
            "GET /c/{shareCode}/card.png", ANYONE,
            "POST /c/{shareCode}/shares", ANYONE,
            // the platform operator's sign-in form and analytics page
            "GET /operator/login", ANYONE,
            "GET /operator/analytics", OPERATOR,
            "GET /", MEMBER,
            "GET /app", MEMBER,
            "GET /app/wallet", WALLET_READ,
            "GET /app/payments", PAYMENTS,
            "POST /app/payments/top-ups", WALLET_WRITE,
            "GET /app/inbox", CONTACTS_READ,
            "GET /app/inbox/{sessionId}", CONTACTS_READ,
            "POST /app/inbox/{sessionId}/takeover", CONVERSATIONS_WRITE,
            "POST /app/inbox/{sessionId}/assignment", CONVERSATIONS_WRITE,
            "POST /app/inbox/{sessionId}/replies", CONVERSATIONS_WRITE,
            "POST /app/inbox/{sessionId}/notes", CONVERSATIONS_WRITE,
            "POST /app/inbox/{sessionId}/handback", CONVERSATIONS_WRITE,
            "POST /app/inbox/{sessionId}/close", CONVERSATIONS_WRITE,
            "GET /app/surveys", ANALYTICS_READ,
            "GET /app/surveys/new", CONTENT_WRITE,
            "POST /app/surveys/new", CONTENT_WRITE,
            "GET /app/surveys/{surveyId}", ANALYTICS_READ,
            "GET /app/surveys/{surveyId}/responses/{responseId}/attachments/{questionId}", ANALYTICS_READ,
            "GET /app/surveys/{surveyId}/edit", CONTENT_WRITE,
            "POST /app/surveys/{surveyId}/edit", CONTENT_WRITE,
            "POST /app/surveys/{surveyId}/archive", CONTENT_WRITE,
            "GET /app/funnels", ANALYTICS_READ,
            "POST /app/funnels", CONTENT_WRITE,
            "POST /app/funnels/{key}/delete", CONTENT_WRITE,
            "GET /app/step-sets", ANALYTICS_READ,
            "GET /app/step-sets/progress", ANALYTICS_READ,
            "POST /app/step-sets", CONTENT_WRITE,
            "POST /app/step-sets/templates", CONTENT_WRITE,
            "POST /app/step-sets/{key}/delete", CONTENT_WRITE,
            "GET /app/engagement", ANALYTICS_READ,
            "GET /app/contacts", CONTACTS_READ,
            "GET /app/contacts/{contactId}", CONTACTS_READ,
            "GET /app/contacts/{contactId}/conversations/{conversationId}", CONTACTS_READ,
            "POST /app/contacts/{contactId}/tags", CONVERSATIONS_WRITE,
            "POST /app/contacts/{contactId}/tags/removal", CONVERSATIONS_WRITE,
            "POST /app/contacts/{contactId}/attributes", CONVERSATIONS_WRITE,
            "POST /app/contacts/{contactId}/attributes/removal", CONVERSATIONS_WRITE,
            "GET /app/team", TEAM_READ,
            "POST /app/team/invitations", TEAM_MANAGE,
            "POST /app/team/members/{userId}/roles", TEAM_MANAGE,
            "POST /app/team/members/{userId}/deactivation", TEAM_MANAGE,
            "POST /app/team/members/{userId}/invitation", TEAM_MANAGE,
            "POST /app/team/keys", TEAM_MANAGE,
            "POST /app/team/keys/{keyId}/rotation", TEAM_MANAGE,
            "POST /app/team/keys/{keyId}/revocation", TEAM_MANAGE,
            "GET /app/audit", AUDIT_READ,
            // templates, broadcasts, polls, knowledge, hypecards, events
            "GET /app/templates", CONTENT_WRITE,
            "POST /app/templates", CONTENT_WRITE,
            "POST /app/templates/sync", CONTENT_WRITE,
            "GET /app/broadcasts", ANALYTICS_READ,
            "GET /app/broadcasts/new", CONTENT_WRITE,
            "GET /app/broadcasts/new/cost", CONTENT_WRITE,
            "POST /app/broadcasts", CONTENT_WRITE,
            "GET /app/broadcasts/{broadcastId}", ANALYTICS_READ,
            "POST /app/broadcasts/{broadcastId}/send", CONTENT_WRITE,
            "POST /app/broadcasts/{broadcastId}/schedule", CONTENT_WRITE,
            "POST /app/broadcasts/{broadcastId}/cancel", CONTENT_WRITE,
            "GET /app/polls", ANALYTICS_READ,
            "POST /app/polls", CONTENT_WRITE,
            "GET /app/polls/{pollId}", ANALYTICS_READ,
            "GET /app/polls/{pollId}/results", ANALYTICS_READ,
            "POST /app/polls/{pollId}/close", CONTENT_WRITE,
            "GET /app/programs", ANALYTICS_READ,
            "POST /app/programs", CONTENT_WRITE,
            "GET /app/programs/{programId}", ANALYTICS_READ,
            "POST /app/programs/{programId}/items", CONTENT_WRITE,
            "POST /app/programs/{programId}/items/{itemId}/remove", CONTENT_WRITE,
            "POST /app/programs/{programId}/archive", CONTENT_WRITE,
            "GET /app/knowledge", ANALYTICS_READ,
            "POST /app/knowledge", CONTENT_WRITE,
            "GET /app/knowledge/{knowledgeBaseId}", ANALYTICS_READ,
            "POST /app/knowledge/{knowledgeBaseId}/faq-items", CONTENT_WRITE,
            "POST /app/knowledge/{knowledgeBaseId}/faq-items/{faqId}/remove", CONTENT_WRITE,
            "POST /app/knowledge/{knowledgeBaseId}/documents", CONTENT_WRITE,
            "POST /app/knowledge/{knowledgeBaseId}/documents/{documentId}/remove", CONTENT_WRITE,
            "POST /app/knowledge/{knowledgeBaseId}/answers", CONTENT_WRITE,
            "GET /app/hypecards", ANALYTICS_READ,
            "GET /app/events", ANALYTICS_READ,
            "POST /app/events", CONTENT_WRITE,
            "GET /app/events/{eventId}", ANALYTICS_READ,
            "POST /app/events/{eventId}/ticket-types", CONTENT_WRITE,
            "GET /app/events/{eventId}/agenda", ANALYTICS_READ,
            "POST /app/events/{eventId}/agenda/sessions", CONTENT_WRITE,
            "POST /app/events/{eventId}/agenda/speakers", CONTENT_WRITE,
            "POST /app/events/{eventId}/agenda/sessions/{sessionId}/speakers", CONTENT_WRITE,
            "POST /app/events/{eventId}/agenda/sessions/{sessionId}/cancel", CONTENT_WRITE,
            "GET /app/gate", CHECK_IN,
            "GET /app/events/{eventId}/gate", CHECK_IN,
            "POST /app/events/{eventId}/gate", CHECK_IN,
            "GET /app/events/{eventId}/exhibitors", ANALYTICS_READ,
            "POST /app/events/{eventId}/exhibitors", CONTENT_WRITE,
            "POST /app/exhibitors/{exhibitorId}/products", CONTENT_WRITE,
            "GET /app/exhibitors/{exhibitorId}/booth-qr", ANALYTICS_READ,
            "GET /app/leads", LEADS_READ,
            "GET /app/exhibitors/{exhibitorId}/leads", LEADS_READ);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String base;
    private final Map<Character, DashboardSession> sessions = new LinkedHashMap<>();
    private AdminClient.Onboarded organizationA;
    private DashboardSession otherOrganization;
    private DashboardSession operator;

    @BeforeAll
    void team() {
        base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        organizationA = platform.onboard(Map.of("name", "Pages A", "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "lowBalanceThreshold", 0));
        AdminClient.Onboarded b = platform.onboard(Map.of("name", "Pages B", "phoneNumberId",
                AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        sessions.put('O', DashboardSession.logIn(base, TeamMembers.owner(organizationA)));
        Map<Character, String> roles = Map.of('A', "admin", 'E', "editor", 'G', "agent", 'V', "viewer", 'B', "billing",
                'T', "gate", 'X', "exhibitor");
        roles.forEach((code, role) -> sessions.put(code,
                DashboardSession.logIn(base, TeamMembers.invite(organizationA, role))));
        otherOrganization = DashboardSession.logIn(base, TeamMembers.owner(b));
        operator = DashboardSession.anonymous(base);
        operator.get("/operator/login");
        DashboardSession.Page signedIn = operator.post("/operator/login",
                Map.of("key", TestDatabaseEnvironmentPostProcessor.ADMIN_KEY));
        assertThat(signedIn.location()).as("the operator's sign-in").endsWith("/operator/analytics");
        operator.get("/operator/analytics"); // the CSRF token the sign-in renewed
    }

    @Test
    void everyPageAnswersExactlyWhatTheMatrixSays() {
        List<String> routes = pageRoutes();
        assertThat(new TreeSet<>(routes)).as("page routes without a row in the matrix: add one")
                .isSubsetOf(MATRIX.keySet());
        assertThat(routes).as("rows of the matrix no page serves (stale rows)").containsAll(MATRIX.keySet());

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> row : MATRIX.entrySet()) {
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            String path = concrete(row.getKey().substring(row.getKey().indexOf(' ') + 1));
            String rule = row.getValue();

            DashboardSession.Page anonymous = DashboardSession.anonymous(base).send(method, path, Map.of());
            if (!ANYONE.equals(rule) && !(anonymous.status() == 302 && anonymous.location().endsWith("/login"))) {
                failures.add(row.getKey() + " as nobody: " + anonymous.status() + ", expected a redirect to the login");
            }
            DashboardSession.Page bearer = DashboardSession.anonymous(base).send(method, path,
                    Map.of("Authorization", "Bearer " + organizationA.owner().token()));
            if (!ANYONE.equals(rule) && bearer.status() != 302) {
                failures.add(row.getKey() + " with an API token: " + bearer.status() + ", pages take no bearer tokens");
            }
            for (Map.Entry<Character, DashboardSession> member : sessions.entrySet()) {
                boolean allowed = ANYONE.equals(rule) || MEMBER.equals(rule) || rule.indexOf(member.getKey()) >= 0;
                int status = member.getValue().send(method, path, Map.of()).status();
                if (status >= 500) {
                    failures.add(row.getKey() + " as " + member.getKey() + ": a server error " + status);
                } else if (allowed == (status == 403 || status == 401)) {
                    failures.add(row.getKey() + " as " + member.getKey() + ": " + status + (allowed
                            ? ", refused a member the matrix allows" : ", expected 403"));
                }
            }
            // the operator is refused every staff page: 401, 403 or sent to a login form, as it is no member
            DashboardSession.Page asOperator = operator.send(method, path, Map.of());
            boolean operatorAllowed = ANYONE.equals(rule) || OPERATOR.equals(rule);
            boolean operatorRefused = asOperator.status() == 401 || asOperator.status() == 403
                    || (asOperator.status() == 302 && asOperator.location() != null
                    && asOperator.location().endsWith("/login"));
            if (asOperator.status() >= 500) {
                failures.add(row.getKey() + " as the operator: a server error " + asOperator.status());
            } else if (operatorAllowed == operatorRefused) {
                failures.add(row.getKey() + " as the operator: " + asOperator.status() + (operatorAllowed
                        ? ", refused the operator" : ", expected a refusal"));
            }
            int foreign = otherOrganization.send(method, path, Map.of()).status();
            if (foreign >= 500) {
                failures.add(row.getKey() + " as another organization's owner: a server error " + foreign);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void changesNeedTheFormsCsrfToken() {
        DashboardSession owner = sessions.get('O');
        assertThat(owner.postWithoutToken("/logout", Map.of()).status()).isEqualTo(403);
        assertThat(owner.get("/app").status()).as("still logged in").isEqualTo(200);
    }

    @Test
    void aPageSessionDoesNotOpenTheApi() {
        DashboardSession owner = sessions.get('O');
        assertThat(owner.get("/api/v1/orgs/" + organizationA.organizationId() + "/wallet").status()).isEqualTo(401);
    }

    @Test
    void anHtmxRequestWithoutASessionIsToldWhereToLogIn() {
        DashboardSession.Page refresh = DashboardSession.anonymous(base).htmx("/app");
        assertThat(refresh.status()).isEqualTo(401);
    }

    @Test
    void loggingOutEndsTheStaffSession() {
        TeamMembers.Member viewer = TeamMembers.invite(organizationA, "viewer");
        DashboardSession session = DashboardSession.logIn(base, viewer);
        assertThat(session.get("/app").status()).isEqualTo(200);
        DashboardSession.Page out = session.post("/logout", Map.of());
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.location()).endsWith("/login?logout");
        assertThat(session.get("/app").location()).endsWith("/login");
    }

    @Test
    void aDeactivatedMemberLosesTheOpenPageAtOnce() {
        TeamMembers.Member viewer = TeamMembers.invite(organizationA, "viewer");
        DashboardSession session = DashboardSession.logIn(base, viewer);
        assertThat(session.get("/app").status()).isEqualTo(200);
        assertThat(organizationA.owner().delete(organizationA.path("/users/" + viewer.userId())).status())
                .isIn(200, 204);
        DashboardSession.Page after = session.get("/app");
        assertThat(after.status()).isEqualTo(302);
        assertThat(after.location()).endsWith("/login");
    }

    @Test
    void aChangeOfRolesShowsOnTheNextClick() {
        TeamMembers.Member member = TeamMembers.invite(organizationA, "agent");
        DashboardSession session = DashboardSession.logIn(base, member);
        assertThat(session.get("/app/wallet").status()).isEqualTo(403);
        assertThat(organizationA.owner().put(organizationA.path("/users/" + member.userId() + "/roles"),
                Map.of("roles", List.of("viewer"))).status()).isEqualTo(200);
        assertThat(session.get("/app/wallet").status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsAreRefusedWithoutSayingWhichPartWasWrong() {
        DashboardSession visitor = DashboardSession.anonymous(base);
        DashboardSession.Page wrong = visitor.post("/login", Map.of("login", organizationA.ownerLogin(),
                "password", "not the password"));
        DashboardSession.Page unknown = visitor.post("/login", Map.of("login", "nobody@example.com",
                "password", "not the password"));
        assertThat(wrong.location()).endsWith("/login?error");
        assertThat(unknown.location()).endsWith("/login?error");
        assertThat(visitor.get("/app").location()).endsWith("/login");
    }

    private List<String> pageRoutes() {
        List<String> routes = new ArrayList<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, org.springframework.web.method.HandlerMethod handler) -> {
            if (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), DashboardPage.class)) {
                for (String pattern : info.getPatternValues()) {
                    info.getMethodsCondition().getMethods()
                            .forEach(method -> routes.add(method.name() + " " + pattern));
                }
            }
        });
        return routes;
    }

    private String concrete(String template) {
        Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(path, "x1");
        }
        variable.appendTail(path);
        return path.toString();
    }

    private static Map<String, String> matrix(String... rows) {
        Map<String, String> matrix = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i += 2) {
            matrix.put(rows[i], rows[i + 1]);
        }
        return matrix;
    }
}
