package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.TestDatabaseEnvironmentPostProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the API description, under every spelling of its path, with every kind of caller: nobody,
 * wrong credentials, the platform, each staff role, each key scope, another organization. Callers the matrix
 * below does not allow must get exactly 401 (not known) or 403 (known, not allowed) on the canonical path, and
 * 401/403/404 on every other spelling; never a 2xx, a 409 or a validation error that shows the request got in.
 * The matrix is written here independently of the service's own table, and an operation missing from it fails
 * the test: a new endpoint cannot go untested.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BypassBatteryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    // Who may call what. O owner, A admin, E editor, G agent, V viewer, B billing, T gate, X exhibitor, R read key, W write key, all
    // of organization A; P the platform; S any staff member of any organization; * anyone.
    private static final String CONTACTS = "OAEGVRW";
    private static final String ANALYTICS = "OAEVRW";
    private static final String CONTENT = "OAEW";
    private static final String CONVERSATIONS = "OAGW";
    private static final String WALLET_READ = "OAVBRW";
    private static final String WALLET_WRITE = "OBW";
    private static final String PAYMENTS = "OABW";
    private static final String CHECK_IN = "OAT";
    /** Exhibitor staff (X) reach the leads endpoints; which exhibitor's leads they get is the controller's check. */
    private static final String LEADS = "OAX";
    private static final String TEAM_READ = "OA";
    private static final String TEAM = "O";
    private static final String AUDIT = "OA";
    private static final String PRIVACY = "OA";
    private static final String SETTINGS = "OA";
    private static final String PLATFORM = "P";
    private static final String STAFF = "S";
    private static final String ANYONE = "*";

    private static final Map<String, String> MATRIX = matrix(
            "GET /api/v1/orgs/{orgId}/contacts", CONTACTS,
            "GET /api/v1/orgs/{orgId}/contacts/{contactId}", CONTACTS,
            "GET /api/v1/orgs/{orgId}/contacts/{contactId}/conversations", CONTACTS,
            "GET /api/v1/orgs/{orgId}/conversations/{conversationId}/messages", CONTACTS,
            "PUT /api/v1/orgs/{orgId}/contacts/{contactId}/tags/{tag}", CONVERSATIONS,
            "DELETE /api/v1/orgs/{orgId}/contacts/{contactId}/tags/{tag}", CONVERSATIONS,
            "PUT /api/v1/orgs/{orgId}/contacts/{contactId}/attributes/{key}", CONVERSATIONS,
            "DELETE /api/v1/orgs/{orgId}/contacts/{contactId}/attributes/{key}", CONVERSATIONS,
            "PUT /api/v1/orgs/{orgId}/contacts/{contactId}/consent", CONVERSATIONS,
            "POST /api/v1/orgs/{orgId}/contacts/imports", CONTENT,
            "GET /api/v1/orgs/{orgId}/audiences", CONTACTS,
            "GET /api/v1/orgs/{orgId}/audiences/{audienceId}", CONTACTS,
            "GET /api/v1/orgs/{orgId}/audiences/{audienceId}/preview", CONTACTS,
            "POST /api/v1/orgs/{orgId}/audiences", CONTENT,
            "PUT /api/v1/orgs/{orgId}/audiences/{audienceId}", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/audiences/{audienceId}", CONTENT,
            "GET /api/v1/orgs/{orgId}/wallet", WALLET_READ,
            "GET /api/v1/orgs/{orgId}/wallet/transactions", WALLET_READ,
            "POST /api/v1/orgs/{orgId}/wallet/debits", WALLET_WRITE,
            "POST /api/v1/orgs/{orgId}/wallet/reservations", WALLET_WRITE,
            "POST /api/v1/orgs/{orgId}/wallet/reservations/{reservationId}/captures", WALLET_WRITE,
            "POST /api/v1/orgs/{orgId}/wallet/reservations/{reservationId}/release", WALLET_WRITE,
            "GET /api/v1/orgs/{orgId}/surveys", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/surveys/{surveyId}/results", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/survey-funnels/{surveyId}", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/surveys", CONTENT,
            "PUT /api/v1/orgs/{orgId}/surveys/{surveyId}", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/surveys/{surveyId}", CONTENT,
            "GET /api/v1/orgs/{orgId}/funnels", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/funnels/{key}", ANALYTICS,
            "PUT /api/v1/orgs/{orgId}/funnels/{key}", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/funnels/{key}", CONTENT,
            "GET /api/v1/orgs/{orgId}/step-sets", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/step-sets/templates", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/step-sets/{key}", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/step-sets/{key}/backfill", ANALYTICS,
            "PUT /api/v1/orgs/{orgId}/step-sets/{key}", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/step-sets/{key}", CONTENT,
            "GET /api/v1/orgs/{orgId}/rollups/daily", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/engagement/contacts", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/engagement/segments", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/engagement/best-times", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/events", CONTENT,
            "POST /api/v1/orgs/{orgId}/events/{eventId}/ticket-types", CONTENT,
            "POST /api/v1/orgs/{orgId}/ticket-reservations/{reservationId}/payment", PAYMENTS,
            "POST /api/v1/orgs/{orgId}/ticket-reservations/{reservationId}/cancellation", PAYMENTS,
            "GET /api/v1/orgs/{orgId}/events/{eventId}/funnel", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/payments", PAYMENTS,
            "GET /api/v1/orgs/{orgId}/payments/{paymentId}", PAYMENTS,
            "POST /api/v1/orgs/{orgId}/wallet/top-ups", WALLET_WRITE,
            "POST /api/v1/orgs/{orgId}/events/{eventId}/check-ins", CHECK_IN,
            "GET /api/v1/orgs/{orgId}/events/{eventId}/check-ins", CHECK_IN,
            "GET /api/v1/orgs/{orgId}/events/{eventId}/exhibitors", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/events/{eventId}/exhibitors", CONTENT,
            "GET /api/v1/orgs/{orgId}/events/{eventId}/lead-analytics", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/exhibitors", LEADS,
            "GET /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}", ANALYTICS,
            "PUT /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}", CONTENT,
            "POST /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}/products", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}/products/{productId}", CONTENT,
            "GET /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}/booth-qr", ANALYTICS,
            "PUT /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}/staff/{userId}", TEAM,
            "DELETE /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}/staff/{userId}", TEAM,
            "GET /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}/leads", LEADS,
            "GET /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}/leads/export", LEADS,
            "PUT /api/v1/orgs/{orgId}/exhibitors/{exhibitorId}/leads/{leadId}/stage", LEADS,
            "POST /api/v1/orgs/{orgId}/inbound-messages", CONTENT,
            "GET /api/v1/orgs/{orgId}/users", TEAM_READ,
            "POST /api/v1/orgs/{orgId}/invitations", TEAM,
            "POST /api/v1/orgs/{orgId}/users/{userId}/invitation", TEAM,
            "PUT /api/v1/orgs/{orgId}/users/{userId}/roles", TEAM,
            "DELETE /api/v1/orgs/{orgId}/users/{userId}", TEAM,
            "GET /api/v1/orgs/{orgId}/api-keys", TEAM,
            "POST /api/v1/orgs/{orgId}/api-keys", TEAM,
            "POST /api/v1/orgs/{orgId}/api-keys/{keyId}/rotation", TEAM,
            "DELETE /api/v1/orgs/{orgId}/api-keys/{keyId}", TEAM,
            "GET /api/v1/orgs/{orgId}/audit-log", AUDIT,
            "GET /api/v1/orgs/{orgId}/broadcasts", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/broadcasts/{broadcastId}", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/broadcasts", CONTENT,
            "POST /api/v1/orgs/{orgId}/broadcasts/{broadcastId}/schedule", CONTENT,
            "POST /api/v1/orgs/{orgId}/broadcasts/{broadcastId}/send", CONTENT,
            "POST /api/v1/orgs/{orgId}/broadcasts/{broadcastId}/cancel", CONTENT,
            "GET /api/v1/orgs/{orgId}/polls", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/polls/{pollId}", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/polls", CONTENT,
            "POST /api/v1/orgs/{orgId}/polls/{pollId}/sends", CONTENT,
            "POST /api/v1/orgs/{orgId}/polls/{pollId}/close", CONTENT,
            "GET /api/v1/orgs/{orgId}/venues", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/venues", CONTENT,
            "PUT /api/v1/orgs/{orgId}/venues/{venueId}", CONTENT,
            "GET /api/v1/orgs/{orgId}/speakers", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/speakers", CONTENT,
            "PUT /api/v1/orgs/{orgId}/speakers/{speakerId}", CONTENT,
            "GET /api/v1/orgs/{orgId}/events/{eventId}/agenda", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/events/{eventId}/sessions", CONTENT,
            "PUT /api/v1/orgs/{orgId}/events/{eventId}/sessions/{sessionId}", CONTENT,
            "POST /api/v1/orgs/{orgId}/events/{eventId}/sessions/{sessionId}/cancel", CONTENT,
            "PUT /api/v1/orgs/{orgId}/events/{eventId}/sessions/{sessionId}/speakers/{speakerId}", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/events/{eventId}/sessions/{sessionId}/speakers/{speakerId}", CONTENT,
            "GET /api/v1/orgs/{orgId}/programs", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/programs", CONTENT,
            "GET /api/v1/orgs/{orgId}/programs/{programId}", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/programs/{programId}/items", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/programs/{programId}/items/{itemId}", CONTENT,
            "POST /api/v1/orgs/{orgId}/programs/{programId}/archive", CONTENT,
            "POST /api/v1/orgs/{orgId}/programs/{programId}/media", CONTENT,
            "GET /api/v1/orgs/{orgId}/programs/{programId}/subscribers", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/programs/{programId}/subscribers", CONVERSATIONS,
            "DELETE /api/v1/orgs/{orgId}/programs/{programId}/subscribers/{contactId}", CONVERSATIONS,
            "GET /api/v1/orgs/{orgId}/programs/{programId}/analytics", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/hypecard-templates/images", CONTENT,
            "GET /api/v1/orgs/{orgId}/hypecard-templates", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/hypecard-templates", CONTENT,
            "GET /api/v1/orgs/{orgId}/hypecard-templates/{templateId}", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/hypecard-templates/{templateId}/preview", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/hypecard-templates/{templateId}/archive", CONTENT,
            "GET /api/v1/orgs/{orgId}/hypecards", ANALYTICS,
            "GET /api/v1/orgs/{orgId}/knowledge-bases/queries", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/knowledge-bases/answers", CONTENT,
            "GET /api/v1/orgs/{orgId}/knowledge-bases", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/knowledge-bases", CONTENT,
            "GET /api/v1/orgs/{orgId}/knowledge-bases/{knowledgeBaseId}", ANALYTICS,
            "POST /api/v1/orgs/{orgId}/knowledge-bases/{knowledgeBaseId}/faq-items", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/knowledge-bases/{knowledgeBaseId}/faq-items/{faqId}", CONTENT,
            "POST /api/v1/orgs/{orgId}/knowledge-bases/{knowledgeBaseId}/documents", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/knowledge-bases/{knowledgeBaseId}/documents/{documentId}", CONTENT,
            "POST /api/v1/orgs/{orgId}/contacts/{contactId}/erasure", PRIVACY,
            "GET /api/v1/orgs/{orgId}/contacts/{contactId}/export", PRIVACY,
            "GET /api/v1/orgs/{orgId}/settings/message-retention", PRIVACY,
            "PUT /api/v1/orgs/{orgId}/settings/message-retention", PRIVACY,
            "GET /api/v1/orgs/{orgId}/settings/consent-words", PRIVACY,
            "PUT /api/v1/orgs/{orgId}/settings/consent-words", PRIVACY,
            "GET /api/v1/orgs/{orgId}/settings/utility-to-opted-out", PRIVACY,
            "PUT /api/v1/orgs/{orgId}/settings/utility-to-opted-out", PRIVACY,
            "GET /api/v1/orgs/{orgId}/settings/whatsapp-account", SETTINGS,
            "PUT /api/v1/orgs/{orgId}/settings/whatsapp-account", SETTINGS,
            "GET /api/v1/orgs/{orgId}/settings/handover", SETTINGS,
            "PUT /api/v1/orgs/{orgId}/settings/handover", SETTINGS,
            "GET /api/v1/orgs/{orgId}/inbox", CONTACTS,
            "GET /api/v1/orgs/{orgId}/inbox/{conversationId}", CONTACTS,
            "POST /api/v1/orgs/{orgId}/inbox/{conversationId}/takeover", CONVERSATIONS,
            "POST /api/v1/orgs/{orgId}/inbox/{conversationId}/assignment", CONVERSATIONS,
            "POST /api/v1/orgs/{orgId}/inbox/{conversationId}/replies", CONVERSATIONS,
            "POST /api/v1/orgs/{orgId}/inbox/{conversationId}/notes", CONVERSATIONS,
            "POST /api/v1/orgs/{orgId}/inbox/{conversationId}/handback", CONVERSATIONS,
            "POST /api/v1/orgs/{orgId}/inbox/{conversationId}/close", CONVERSATIONS,
            "GET /api/v1/orgs/{orgId}/templates", CONTENT,
            "GET /api/v1/orgs/{orgId}/templates/{templateId}", CONTENT,
            "POST /api/v1/orgs/{orgId}/templates", CONTENT,
            "DELETE /api/v1/orgs/{orgId}/templates/{templateId}", CONTENT,
            "POST /api/v1/orgs/{orgId}/templates/sync", CONTENT,
            "POST /api/v1/orgs/{orgId}/templates/{templateId}/messages", CONVERSATIONS,
            "POST /admin/organizations", PLATFORM,
            "GET /admin/organizations/{organizationId}", PLATFORM,
            "POST /admin/organizations/{organizationId}/owner-invitations", PLATFORM,
            "POST /admin/organizations/{organizationId}/suspension", PLATFORM,
            "DELETE /admin/organizations/{organizationId}/suspension", PLATFORM,
            "GET /admin/organizations/{organizationId}/wallet", PLATFORM,
            "POST /admin/organizations/{organizationId}/wallet/purchases", PLATFORM,
            "POST /admin/organizations/{organizationId}/wallet/refunds", PLATFORM,
            "GET /admin/quarantine", PLATFORM,
            "DELETE /admin/quarantine/{id}", PLATFORM,
            "GET /admin/replay", PLATFORM,
            "POST /admin/replay/{name}", PLATFORM,
            "GET /admin/replay/{name}", PLATFORM,
            "DELETE /admin/replay/{name}", PLATFORM,
            "GET /admin/replay/{name}/checksums", PLATFORM,
            "POST /admin/replay/republish", PLATFORM,
            "GET /admin/replay/republish/{id}", PLATFORM,
            "GET /admin/dead-letters", PLATFORM,
            "GET /admin/dead-letters/{group}", PLATFORM,
            "POST /admin/dead-letters/{group}/retry", PLATFORM,
            "POST /admin/dead-letters/{group}/{sequenceId}/retry", PLATFORM,
            "DELETE /admin/dead-letters/{group}/{sequenceId}", PLATFORM,
            "GET /admin/whatsapp-numbers/{phoneNumberId}/send-rate", PLATFORM,
            "PUT /admin/whatsapp-numbers/{phoneNumberId}/send-rate", PLATFORM,
            "GET /admin/analytics/activation", PLATFORM,
            "GET /admin/analytics/activation/cohorts", PLATFORM,
            "GET /admin/analytics/feature-usage", PLATFORM,
            "GET /admin/analytics/dashboard-usage", PLATFORM,
            "GET /admin/analytics/staff-actions", PLATFORM,
            "GET /actuator/prometheus", PLATFORM,
            "GET /actuator/metrics", PLATFORM,
            "GET /actuator/health", ANYONE,
            "GET /webhooks/whatsapp", ANYONE,
            "POST /webhooks/whatsapp", ANYONE,
            "POST /payments/mpesa/callbacks/{paymentId}/{signature}", ANYONE,
            "POST /api/v1/auth/login", ANYONE,
            "POST /api/v1/auth/refresh", ANYONE,
            "POST /api/v1/auth/invitations/accept", ANYONE,
            "GET /api/v1/auth/me", STAFF,
            "POST /api/v1/auth/password", STAFF,
            // last: it ends the caller's session
            "POST /api/v1/auth/logout", ANYONE);

    /** Not described by the API document (actuator), so added by hand. */
    private static final List<String> UNDOCUMENTED = List.of("GET /actuator/prometheus", "GET /actuator/metrics",
            "GET /actuator/health");

    @LocalServerPort
    int port;

    private String base;
    private String orgA;
    private String orgC;
    private final Map<String, Caller> callers = new LinkedHashMap<>();

    /** A caller: its code in the matrix (or none), whether the service knows it, and the headers it sends. */
    record Caller(String name, char code, boolean known, Map<String, String> headers) {
    }

    @BeforeAll
    void team() throws Exception {
        base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        AdminClient.Onboarded a = platform.onboard(Map.of("name", "Battery A", "phoneNumberId",
                AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        AdminClient.Onboarded b = platform.onboard(Map.of("name", "Battery B", "phoneNumberId",
                AdminClient.randomPhoneNumberId(), "lowBalanceThreshold", 0));
        orgA = a.organizationId();
        // platform operations that change an organization (suspension) act on one of their own
        orgC = platform.onboardOrganization(0);
        String ownerA = a.owner().token();

        add("nobody", '-', false, Map.of());
        add("wrong platform key", '-', false, Map.of(PlatformKey.HEADER, "not-the-platform-key"));
        add("unknown API key", '-', false, Map.of("Authorization", "Bearer crm_" + "x".repeat(43)));
        add("unknown X-Api-Key", '-', false, Map.of("X-Api-Key", "crm_" + "y".repeat(43)));
        add("forged token", '-', false, bearer(token("another-secret-another-secret-another-secret", a.ownerUserId(),
                orgA, Instant.now().plusSeconds(600))));
        add("expired token", '-', false, bearer(token(TestDatabaseEnvironmentPostProcessor.JWT_SECRET, a.ownerUserId(),
                orgA, Instant.now().minusSeconds(60))));
        add("platform", 'P', true, Map.of(PlatformKey.HEADER, TestDatabaseEnvironmentPostProcessor.ADMIN_KEY));
        add("owner A", 'O', true, bearer(ownerA));
        add("admin A", 'A', true, bearer(Staff.invite(a.owner(), orgA, "admin").accessToken()));
        add("editor A", 'E', true, bearer(Staff.invite(a.owner(), orgA, "editor").accessToken()));
        add("agent A", 'G', true, bearer(Staff.invite(a.owner(), orgA, "agent").accessToken()));
        add("viewer A", 'V', true, bearer(Staff.invite(a.owner(), orgA, "viewer").accessToken()));
        add("billing A", 'B', true, bearer(Staff.invite(a.owner(), orgA, "billing").accessToken()));
        add("gate A", 'T', true, bearer(Staff.invite(a.owner(), orgA, "gate").accessToken()));
        add("exhibitor A", 'X', true, bearer(Staff.invite(a.owner(), orgA, "exhibitor").accessToken()));
        add("read key A", 'R', true, bearer(a.apiKey()));
        add("write key A", 'W', true, Map.of("X-Api-Key", Staff.issueKey(a.owner(), orgA, "write")));
        add("owner B", 'b', true, bearer(b.owner().token()));
        add("write key B", 'k', true, bearer(Staff.issueKey(b.owner(), b.organizationId(), "write")));
    }

    @Test
    void everyOperationAnswersExactlyWhatTheMatrixSays() throws Exception {
        List<String> operations = documentedOperations();
        operations.addAll(UNDOCUMENTED);
        assertThat(new TreeSet<>(operations)).as("operations in the API description without a row in the matrix: add one")
                .isSubsetOf(MATRIX.keySet());
        assertThat(operations).as("rows of the matrix the service does not describe (stale rows)")
                .containsAll(MATRIX.keySet());

        List<String> failures = new ArrayList<>();
        int tried = 0;
        for (String operation : MATRIX.keySet()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = concrete(operation.substring(operation.indexOf(' ') + 1));
            for (Caller caller : callers.values()) {
                boolean allowed = allowed(MATRIX.get(operation), caller);
                for (Map.Entry<String, String> spelling : spellings(path).entrySet()) {
                    int status = send(method, spelling.getValue(), caller.headers());
                    tried++;
                    String verdict = judge(MATRIX.get(operation), caller, allowed, spelling.getKey(), status);
                    if (verdict != null) {
                        failures.add(operation + " as " + caller.name() + " via " + spelling.getKey() + " ("
                                + spelling.getValue() + "): " + status + ", " + verdict);
                    }
                }
            }
        }
        System.out.printf("bypass battery: %d operations x %d callers x %d spellings = %d requests%n",
                MATRIX.size(), callers.size(), spellings("/a/b").size(), tried);
        assertThat(failures).as(tried + " requests tried").isEmpty();
    }

    @Test
    void theReportedBypassesAreClosed() throws Exception {
        Map<String, String> none = Map.of();
        assertThat(send("POST", "/%61dmin/organizations", none)).isIn(401, 404);
        assertThat(send("POST", "/admin;x=1/organizations", none)).isIn(401, 404);
        assertThat(send("POST", "/%61dmin/organizations/" + orgA + "/wallet/purchases", none)).isIn(401, 404);
        assertThat(send("GET", "/%61pi/v1/orgs/" + orgA + "/wallet", none)).isIn(401, 404);
        assertThat(send("GET", "/%61pi/v1/orgs/" + orgA + "/wallet", callers.get("write key B").headers()))
                .as("another organization's key").isEqualTo(403);
        assertThat(send("GET", "/%61pi/v1/orgs/" + orgA + "/wallet", callers.get("read key A").headers()))
                .as("the organization's own key").isEqualTo(200);
    }

    /** Null when the answer is right for this caller, else what is wrong with it. */
    private static String judge(String rule, Caller caller, boolean allowed, String spelling, int status) {
        if (status >= 500) {
            return "a server error";
        }
        if (ANYONE.equals(rule) || allowed) {
            return !ANYONE.equals(rule) && spelling.equals("canonical") && (status == 401 || status == 403)
                    ? "refused a caller the matrix allows" : null;
        }
        Set<Integer> expected = spelling.equals("canonical") ? Set.of(caller.known() ? 403 : 401)
                : caller.known() ? Set.of(403, 404) : Set.of(401, 404);
        return expected.contains(status) ? null : "expected one of " + expected;
    }

    private static boolean allowed(String rule, Caller caller) {
        if (ANYONE.equals(rule)) {
            return true;
        }
        if (STAFF.equals(rule)) {
            return "OAEGVBTXb".indexOf(caller.code()) >= 0;
        }
        return rule.indexOf(caller.code()) >= 0;
    }

    /** The canonical path and the spellings an attacker would try on it. */
    private static Map<String, String> spellings(String path) {
        int second = path.indexOf('/', 1);
        String first = second < 0 ? path : path.substring(0, second);
        String rest = second < 0 ? "" : path.substring(second);
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("canonical", path);
        spellings.put("percent-encoded letter", "/%" + Integer.toHexString(first.charAt(1)) + first.substring(2) + rest);
        spellings.put(";param", first + ";x=1" + rest);
        spellings.put("doubled slash", first + "/" + rest);
        spellings.put("trailing slash", path + "/");
        spellings.put("/./", first + "/." + rest);
        spellings.put("/x/../", first + "/x/.." + rest);
        spellings.put("upper case", first.toUpperCase() + rest);
        return spellings;
    }

    private String concrete(String template) {
        Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String value = switch (variable.group(1)) {
                case "orgId" -> orgA;
                case "organizationId" -> orgC;
                default -> "x1";
            };
            variable.appendReplacement(path, value);
        }
        variable.appendTail(path);
        return path.toString();
    }

    private List<String> documentedOperations() throws Exception {
        JsonNode paths = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("paths");
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey()));
        }
        return operations;
    }

    private int send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void add(String name, char code, boolean known, Map<String, String> headers) {
        callers.put(name, new Caller(name, code, known, headers));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }


    /** An access token as the service would sign it with {@code secret}. */
    private static String token(String secret, String userId, String organizationId, Instant expiresAt) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(AccessTokens.ISSUER).subject(userId).claim("org", organizationId).claim("sid", "session")
                .issueTime(Date.from(expiresAt.minusSeconds(900))).expirationTime(Date.from(expiresAt)).build());
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static Map<String, String> matrix(String... rows) {
        Map<String, String> matrix = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i += 2) {
            matrix.put(rows[i], rows[i + 1]);
        }
        return matrix;
    }
}
