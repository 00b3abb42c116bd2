package com.chatnation.crm.application.bench;

import com.chatnation.crm.application.conversations.ingestion.WebhookSignature;
import com.chatnation.crm.application.support.AdminClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broadcast figures: how fast a 100,000-recipient broadcast is started and its recipients stored as events,
 * and what it sends at the number's cap while the bot answers contacts on the same number (the bot's reply lag
 * with and without the broadcast running).
 * <p>
 * The audience is written straight into the read tables (contact_profiles, contact_tags, contact_consent), as an
 * import would leave them: what is measured starts at the broadcast, not at importing 100,000 contacts.
 */
final class BroadcastLoad {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BroadcastLoad() {
    }

    record Figures(int recipients, double startSeconds, double queuedSeconds, double recipientsQueuedPerSecond,
                   double capPerSecond, double broadcastSendsPerSecond, WebhookTraffic.Result botWithout,
                   WebhookTraffic.Result botWith) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("method", "a broadcast to " + recipients + " contacts (read tables filled directly) on the number of "
                    + "one organization; start = POST …/send until it answered; queued = from that POST until every "
                    + "recipient was stored as an event; then the same organization's bot traffic, paced, without and "
                    + "with the broadcast sending on its number");
            map.put("recipients", recipients);
            map.put("startSeconds", startSeconds);
            map.put("queuedSeconds", queuedSeconds);
            map.put("recipientsQueuedPerSecond", recipientsQueuedPerSecond);
            map.put("numberCapPerSecond", capPerSecond);
            map.put("broadcastSendsPerSecondWithBotTraffic", broadcastSendsPerSecond);
            map.put("botWithoutBroadcast", botWithout);
            map.put("botWithBroadcast", botWith);
            return map;
        }
    }

    static Figures run(String baseUrl, String appSecret, AdminClient platform, WebhookTraffic.Organization organization,
                       AdminClient owner, Connection db, GraphApiRecorder graph, int recipients, double botRate,
                       Duration measured, String jdbcUrl, String user, String password) throws Exception {
        String org = "/api/v1/orgs/" + organization.id();
        String account = Long.toString(900_000_000_000L + System.nanoTime() % 1_000_000L);
        check(owner.put(org + "/settings/whatsapp-account", Map.of("whatsAppBusinessAccountId", account)), "account");
        AdminClient.Response template = owner.post(org + "/templates", Map.of("name", "bench_invite", "language", "en",
                "category", "MARKETING", "body", "Hi {{1}}, the festival starts Friday!",
                "bodyExamples", List.of(Map.of("name", "1", "example", "Wanjiku"))));
        check(template, "template");
        String templateId = template.text("id");
        awaitStatus(owner, org + "/templates/" + templateId, "PENDING");
        byte[] approval = """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":%d,"changes":[{"field":
                "message_template_status_update","value":{"event":"APPROVED","message_template_id":1,
                "message_template_name":"bench_invite","message_template_language":"en","reason":null}}]}]}"""
                .formatted(account, Instant.now().getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.headerValue(approval, appSecret))
                .POST(HttpRequest.BodyPublishers.ofByteArray(approval)).build(), HttpResponse.BodyHandlers.ofString());
        awaitStatus(owner, org + "/templates/" + templateId, "APPROVED");

        fillAudience(db, organization.id(), recipients);
        AdminClient.Response audience = owner.post(org + "/audiences", Map.of("name", "festival",
                "conditions", List.of(Map.of("type", "tag", "tags", List.of("festival")))));
        check(audience, "audience");
        AdminClient.Response drafted = owner.post(org + "/broadcasts", Map.of("name", "festival", "templateId",
                templateId, "audienceId", audience.text("id"),
                "parameters", List.of(Map.of("source", "name", "fallback", "friend"))));
        check(drafted, "draft");
        String broadcastId = drafted.text("broadcastId");
        awaitRun(db, broadcastId);

        WebhookTraffic.Result botWithout = bot(baseUrl, appSecret, organization, botRate, 20_000, jdbcUrl, user,
                password, graph).run(BenchSettings.PACED_WARM_UP, measured);
        LoadBenchmark.log("bot alone on the broadcast's number: %s", botWithout);

        long started = System.nanoTime();
        AdminClient.Response sent = owner.post(org + "/broadcasts/" + broadcastId + "/send", Map.of());
        check(sent, "send");
        double startSeconds = (System.nanoTime() - started) / 1e9;
        while (LoadBenchmark.queryLong(db, "SELECT count(*) FROM broadcast_sends WHERE broadcast_id = '" + broadcastId
                + "' AND status = 'pending'") > 0) {
            Thread.sleep(100);
        }
        double queuedSeconds = (System.nanoTime() - started) / 1e9;
        LoadBenchmark.log("broadcast to %,d: started in %.1f s, every recipient stored as an event after %.1f s",
                recipients, startSeconds, queuedSeconds);

        WebhookTraffic withBroadcast = bot(baseUrl, appSecret, organization, botRate, 21_000, jdbcUrl, user, password,
                graph);
        long windowStart = System.nanoTime() + BenchSettings.PACED_WARM_UP.toNanos();
        WebhookTraffic.Result botWith = withBroadcast.run(BenchSettings.PACED_WARM_UP, measured);
        long windowEnd = windowStart + measured.toNanos();
        double broadcastRate = graph.templatesFrom(organization.phoneNumberId(), windowStart, windowEnd)
                / (measured.toNanos() / 1e9);
        LoadBenchmark.log("bot with the broadcast sending: %s; broadcast messages/s %.1f", botWith, broadcastRate);
        owner.post(org + "/broadcasts/" + broadcastId + "/cancel", Map.of("reason", "benchmark over"));
        return new Figures(recipients, startSeconds, queuedSeconds, recipients / queuedSeconds,
                capOf(platform, organization.phoneNumberId()), broadcastRate, botWithout, botWith);
    }

    private static WebhookTraffic bot(String baseUrl, String appSecret, WebhookTraffic.Organization organization,
                                      double rate, int contactsFrom, String jdbcUrl, String user, String password,
                                      GraphApiRecorder graph) {
        WebhookTraffic traffic = new WebhookTraffic("bot-" + contactsFrom, baseUrl + "/webhooks/whatsapp", appSecret,
                List.of(organization), contactsFrom, 25, 8, true, jdbcUrl, user, password).paced(rate);
        graph.listener(traffic::replied);
        return traffic;
    }

    private static double capOf(AdminClient platform, String phoneNumberId) {
        return platform.get("/admin/whatsapp-numbers/" + phoneNumberId + "/send-rate").body()
                .path("messagesPerSecond").asDouble();
    }

    /** Contacts imported with consent and a tag, as the import leaves them in the read tables. */
    private static void fillAudience(Connection db, String organizationId, int count) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                WITH people AS (
                    SELECT gen_random_uuid() AS id, n FROM generate_series(1, ?) AS n),
                profiles AS (
                    INSERT INTO contact_profiles (contact_id, organization_id, phone, name, imported_at, updated_at)
                    SELECT id, ?, '+25471' || lpad(n::text, 7, '0'), 'Fan ' || n, now(), now() FROM people),
                tags AS (
                    INSERT INTO contact_tags (contact_id, organization_id, tag, tagged_at)
                    SELECT id, ?, 'festival', now() FROM people)
                INSERT INTO contact_consent (contact_id, organization_id, status, source, recorded_at)
                SELECT id, ?, 'opted_in', 'import', now() FROM people""")) {
            insert.setInt(1, count);
            insert.setString(2, organizationId);
            insert.setString(3, organizationId);
            insert.setString(4, organizationId);
            insert.executeUpdate();
        }
    }

    private static void awaitRun(Connection db, String broadcastId) throws Exception {
        for (int i = 0; i < 300 && LoadBenchmark.queryLong(db, "SELECT count(*) FROM broadcast_runs WHERE broadcast_id = '"
                + broadcastId + "'") == 0; i++) {
            Thread.sleep(100);
        }
    }

    private static void awaitStatus(AdminClient owner, String path, String status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!status.equals(owner.get(path).body().path("status").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(path + " never became " + status);
            }
            Thread.sleep(100);
        }
    }

    private static void check(AdminClient.Response response, String what) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(what + " failed: " + response);
        }
    }
}
