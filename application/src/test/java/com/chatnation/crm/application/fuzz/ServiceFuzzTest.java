package com.chatnation.crm.application.fuzz;

import com.chatnation.crm.application.conversations.ingestion.WebhookSignature;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.HostileWebhooks;
import com.chatnation.crm.application.support.RunningService;
import com.chatnation.crm.application.support.TestDatabaseEnvironmentPostProcessor;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of a running service over real HTTP: generated webhook deliveries (signed), dashboard
 * queries and admin and organization requests with hostile values. Never a 5xx; every answer is one the API
 * documents; after each property the service is healthy and a normal message still reaches the {@code messages}
 * read table within seconds (no processor stuck). The number of requests sent is printed at the end.
 */
class ServiceFuzzTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTACTS = List.of("254733000001", "254733000002", "254733000003");
    private static final Set<Integer> READ_ANSWERS = Set.of(200, 400, 404);
    private static final Set<Integer> WRITE_ANSWERS = Set.of(200, 201, 202, 204, 400, 402, 404, 409, 422);
    private static final Map<String, AtomicInteger> SENT = new java.util.concurrent.ConcurrentSkipListMap<>();

    private static RunningService service;
    private static String base;
    private static AdminClient.Onboarded org;
    private static String phoneNumberId;
    private static List<JsonNode> hostileValues;
    private static List<String> hostileStrings;

    @BeforeContainer
    static void start() {
        service = RunningService.start();
        base = "http://localhost:" + service.port();
        phoneNumberId = AdminClient.randomPhoneNumberId();
        org = service.admin().onboard(Map.of("name", "Fuzz " + UUID.randomUUID(), "phoneNumberId", phoneNumberId,
                "lowBalanceThreshold", 0, "prices", List.of(Map.of("module", "general", "action", "reply", "tokens", 1),
                        Map.of("module", "surveys", "action", "reply", "tokens", 1))));
        assertThat(service.admin().post("/admin/organizations/" + org.organizationId() + "/wallet/purchases",
                Map.of("paymentReference", "fuzz", "amount", 100_000)).status()).isBetween(200, 201);
        hostileValues = HostileWebhooks.anyValue().sampleStream().limit(500).toList();
        hostileStrings = HostileWebhooks.hostileStrings().sampleStream().limit(500).toList();
    }

    @AfterContainer
    static void stop() {
        System.out.println("fuzzing volume (requests sent to the running service): " + SENT
                + ", total " + SENT.values().stream().mapToInt(AtomicInteger::get).sum());
        if (service != null) {
            service.close();
        }
    }

    // ---- (a) webhook deliveries ----------------------------------------------------------------------------

    @Provide
    Arbitrary<HostileWebhooks.Body> deliveries() {
        return HostileWebhooks.bodies(List.of(phoneNumberId, phoneNumberId, "1"), CONTACTS);
    }

    @Property(tries = 250)
    void webhookDeliveriesAreAnswered200OrIf_notJson_400(@ForAll("deliveries") HostileWebhooks.Body body) {
        byte[] bytes = body.bytes();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.headerValue(bytes, TestDatabaseEnvironmentPostProcessor.APP_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), "webhook");
        Statistics.collect(response.statusCode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(body.wellFormed() ? 200 : 400);
    }

    // ---- (b) dashboard and admin reads ---------------------------------------------------------------------

    private static final List<String> READS = List.of(
            "ORG/contacts?q=&limit=&after=", "ORG/contacts/{}", "ORG/contacts/{}/conversations",
            "ORG/conversations/{}/messages?limit=&after=", "ORG/wallet", "ORG/wallet/transactions?type=&module=&from=&to=&limit=&after=",
            "ORG/surveys", "ORG/surveys/{}/results?from=&to=", "ORG/survey-funnels/{}?from=&to=", "ORG/funnels",
            "ORG/funnels/{}?from=&to=&breakdown=", "ORG/rollups/daily?from=&to=&metric=",
            "ORG/audit-log?actorId=&actorType=&action=&resourceType=&resourceId=&from=&to=&limit=&after=",
            "ORG/users", "ORG/api-keys", "ORG/inbox?filter=&limit=&after=", "ORG/inbox/{}?limit=&after=",
            "ORG/settings/handover",
            "/admin/quarantine?organizationId=&reason=&limit=&after=", "/admin/organizations/{}",
            "/admin/organizations/{}/wallet", "/admin/replay/{}");
    private static final List<String> PLAUSIBLE = List.of("", "1", "10", "0", "-1", "201", "99999999999999999999",
            "2026-01-01", "2026-12-31T23:59:59Z", "2026-02-30", "1970-01-01", "+999999999-12-31", "engagement", "source",
            "cohort", "none", "debit", "surveys", "abc", UUID.randomUUID().toString(), "%00", "%ED%A0%80", "%FF",
            "%C0%80", "%0A", "%2F", "%25", "..", ".");

    @Property(tries = 300)
    void dashboardAndAdminReadsAnswerOnlyDocumentedCodes(@ForAll("readIndexes") int endpoint, @ForAll Random random) {
        String template = READS.get(endpoint);
        boolean admin = template.startsWith("/admin");
        StringBuilder url = new StringBuilder(template.replace("ORG", "/api/v1/orgs/" + org.organizationId()));
        int variable;
        while ((variable = url.indexOf("{}")) >= 0) {
            url.replace(variable, variable + 2, segment(random));
        }
        String target = fillParameters(url.toString(), random);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target)).GET();
        credentials(request, admin);
        HttpResponse<String> response = send(request, "read");
        Statistics.collect(response.statusCode());
        assertThat(response.statusCode()).as(target + " → " + response.body()).isIn(READ_ANSWERS);
    }

    @Provide
    Arbitrary<Integer> readIndexes() {
        return Arbitraries.integers().between(0, READS.size() - 1);
    }

    // ---- (b) organization and admin writes -----------------------------------------------------------------

    private record Write(String method, String path, boolean admin, String template) {
    }

    private static final List<Write> WRITES = List.of(
            new Write("POST", "ORG/surveys", false, """
                    {"title":"Fuzz","intro":"i","thankYou":"t","keywords":["fz"],"questions":[
                     {"id":"q1","text":"Pick","type":"SINGLE_CHOICE","required":true,"options":[{"id":"a","label":"A"},{"id":"b","label":"B"}]},
                     {"id":"q2","text":"Rate","type":"NUMBER","required":false,"min":1,"max":10,
                      "skipRules":[{"condition":"EQUALS","values":["1"],"goTo":"q3"}]},
                     {"id":"q3","text":"Why?","type":"FREE_TEXT","required":true}]}"""),
            new Write("PUT", "ORG/surveys/{}", false, """
                    {"title":"Fuzz","questions":[{"id":"q1","text":"Yes?","type":"YES_NO","required":true}]}"""),
            new Write("POST", "ORG/events", false, """
                    {"name":"Gig","venue":"Hall","startsAt":"2030-01-01T18:00:00Z","ticketTypes":[
                     {"ticketTypeId":"vip","name":"VIP","price":1500,"currency":"KES","quantityAvailable":10,
                      "salesStart":"2029-01-01T00:00:00Z","salesEnd":"2030-01-01T00:00:00Z"}]}"""),
            new Write("PUT", "ORG/funnels/{}", false, """
                    {"name":"F","steps":["first_message","survey_started"],"conversionWindow":"P7D"}"""),
            new Write("POST", "ORG/wallet/debits", false, """
                    {"module":"general","action":"reply","referenceId":"r1","amount":1}"""),
            new Write("POST", "ORG/wallet/reservations", false, """
                    {"reservationId":"res1","amount":5,"purpose":"broadcast"}"""),
            new Write("POST", "ORG/inbound-messages", false, """
                    {"from":"+254733000009","profileName":"P","text":"hi","buttonReply":{"id":"b","title":"B"}}"""),
            new Write("POST", "ORG/invitations", false, """
                    {"email":"someone@example.com","displayName":"S","roles":["editor"]}"""),
            new Write("POST", "ORG/api-keys", false, """
                    {"name":"k","scopes":["read"]}"""),
            new Write("PUT", "ORG/settings/handover", false, """
                    {"words":["agent","talk to a person"],"notUnderstoodLimit":3,"businessHours":{
                     "timeZone":"Africa/Nairobi","days":["MONDAY","FRIDAY"],"opensAt":"08:00","closesAt":"17:00",
                     "outOfHoursReply":"We are closed"}}"""),
            new Write("POST", "ORG/inbox/{}/replies", false, """
                    {"text":"Hello from the team","templateId":null,"parameters":null}"""),
            new Write("POST", "ORG/inbox/{}/assignment", false, """
                    {"agentId":"someone"}"""),
            new Write("POST", "/admin/organizations", true, """
                    {"name":"N","phoneNumberId":"1","lowBalanceThreshold":5,
                     "prices":[{"module":"general","action":"reply","tokens":1}],
                     "owner":{"email":"o@example.com","phone":"+254700000000","displayName":"O"}}"""),
            new Write("POST", "/admin/organizations/ORGID/wallet/purchases", true, """
                    {"paymentReference":"p1","amount":10}"""),
            new Write("POST", "/admin/organizations/ORGID/wallet/refunds", true, """
                    {"referenceId":"r1","amount":1,"reason":"x"}"""));

    @Property(tries = 300)
    void organizationAndAdminWritesAnswerOnlyDocumentedCodes(@ForAll("writeIndexes") int endpoint,
                                                              @ForAll Random random) throws IOException {
        Write write = WRITES.get(endpoint);
        JsonNode body = mutate(JSON.readTree(write.template()), random, 0);
        String path = write.path().replace("ORGID", org.organizationId())
                .replace("ORG", "/api/v1/orgs/" + org.organizationId()).replace("{}", segment(random));
        if (write.admin() && path.equals("/admin/organizations") && body.isObject() && random.nextBoolean()) {
            ((ObjectNode) body).put("phoneNumberId", AdminClient.randomPhoneNumberId()); // let some onboard for real
        }
        byte[] bytes = HostileWebhooks.ascii(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(write.method(), HttpRequest.BodyPublishers.ofByteArray(bytes));
        credentials(request, write.admin());
        HttpResponse<String> response = send(request, "write");
        Statistics.collect(response.statusCode());
        assertThat(response.statusCode()).as(write.method() + " " + path + " " + new String(bytes, StandardCharsets.UTF_8)
                + " → " + response.body()).isIn(WRITE_ANSWERS);
    }

    @Provide
    Arbitrary<Integer> writeIndexes() {
        return Arbitraries.integers().between(0, WRITES.size() - 1);
    }

    // ---- (c) still healthy, nothing stuck ------------------------------------------------------------------

    @AfterProperty
    void theServiceIsHealthyAndAMessageStillReachesTheReadModel() {
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET(), "check");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        String wamid = "wamid.after-fuzz." + UUID.randomUUID();
        HttpResponse<String> posted = new WebhookClient(service.port())
                .postSigned(WebhookClient.text(phoneNumberId, "254733000099", wamid, "hello after the fuzzing"));
        assertThat(posted.statusCode()).isEqualTo(200);
        JdbcTemplate jdbc = service.bean(JdbcTemplate.class);
        Instant deadline = Instant.now().plusSeconds(15);
        while (jdbc.queryForObject("SELECT count(*) FROM messages WHERE id = ?", Integer.class, wamid) == 0
                || jdbc.queryForObject("""
                        SELECT count(*) FROM contacts WHERE id = (SELECT contact_id FROM messages WHERE id = ?)""",
                        Integer.class, wamid) == 0
                || jdbc.queryForObject("SELECT count(*) FROM inbound_inbox WHERE organization_id = ? AND status = 'pending'",
                        Integer.class, org.organizationId()) > 0) {
            assertThat(Instant.now()).as("a normal message sent after the fuzzing reaches messages and contacts, "
                    + "and the inbox drains").isBefore(deadline);
            sleep(100);
        }
        assertThat(jdbc.queryForList("""
                SELECT dedupe_id || ': ' || coalesce(last_error, '') FROM inbound_inbox
                WHERE organization_id = ? AND (status = 'dead' OR last_error IS NOT NULL)""", String.class, org.organizationId()))
                .as("accepted webhook items that failed when processed").isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Replaces some values of the template (recursively) with hostile ones: wrong types, nulls, huge numbers, NUL. */
    private static JsonNode mutate(JsonNode node, Random random, int depth) {
        if (depth > 0 && random.nextInt(5) == 0) {
            return random.nextBoolean() ? hostileValues.get(random.nextInt(hostileValues.size()))
                    : JSON.getNodeFactory().textNode(hostileStrings.get(random.nextInt(hostileStrings.size())));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (random.nextInt(12) != 0) { // sometimes a field is left out
                    copy.set(field.getKey(), mutate(field.getValue(), random, depth + 1));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(mutate(element, random, depth + 1)));
            if (random.nextInt(6) == 0) {
                copy.add(random.nextBoolean() ? JSON.nullNode() : hostileValues.get(random.nextInt(hostileValues.size())));
            }
            return copy;
        }
        return node;
    }

    /** Gives each {@code name=} of the template a plausible or hostile value, or leaves it empty. */
    private static String fillParameters(String filled, Random random) {
        StringBuilder result = new StringBuilder();
        int at = 0;
        int equals;
        while ((equals = filled.indexOf('=', at)) >= 0) {
            result.append(filled, at, equals + 1);
            at = equals + 1;
            if (random.nextInt(3) == 0) {
                continue; // left empty
            }
            result.append(value(random));
        }
        result.append(filled.substring(at));
        return result.toString();
    }

    private static String value(Random random) {
        if (random.nextBoolean()) {
            String plausible = PLAUSIBLE.get(random.nextInt(PLAUSIBLE.size()));
            return plausible.startsWith("%") ? plausible : URLEncoder.encode(plausible, StandardCharsets.UTF_8);
        }
        return URLEncoder.encode(hostileStrings.get(random.nextInt(hostileStrings.size())), StandardCharsets.UTF_8);
    }

    private static String segment(Random random) {
        String value = value(random);
        return value.isEmpty() ? "x" : value;
    }

    private static void credentials(HttpRequest.Builder request, boolean admin) {
        if (admin) {
            request.header("X-Admin-Key", TestDatabaseEnvironmentPostProcessor.ADMIN_KEY);
        } else {
            request.header("Authorization", "Bearer " + org.owner().token());
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String kind) {
        SENT.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
