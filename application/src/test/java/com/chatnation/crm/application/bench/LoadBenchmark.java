package com.chatnation.crm.application.bench;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.SharedTestDatabase;
import com.chatnation.crm.projections.ReadTables;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load benchmark: {@code mvn -q -pl application -am -Pbench -DskipTests verify} (see the README).
 *
 * <ol>
 *   <li>starts PostgreSQL (embedded, or {@code CRM_TEST_DATABASE_URL}), a Graph API stand-in and the service from
 *       its built jar in a JVM of its own; onboards organizations with a feedback survey and tokens;</li>
 *   <li>drives the real webhook with signed deliveries ({@link WebhookTraffic}): accepted messages per second,
 *       webhook response times, lag until the message is in {@code messages} and until the reply reaches the
 *       stand-in;</li>
 *   <li>drives the plain JDBC {@link BaselineInboundService} with the same generator;</li>
 *   <li>grows the event store to {@code bench.historyEvents} ({@link EventHistory}), measures reading and
 *       deserializing all of it, then has the service rebuild every read-model projection from scratch (tokens
 *       deleted, tables truncated, service restarted) and times the processors to the head;</li>
 *   <li>times dashboard queries on the rebuilt tables; prints the table and writes {@code results.json}.</li>
 * </ol>
 */
public final class LoadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Files.createDirectories(settings.outputDir());
        if (!Files.exists(settings.serviceJar())) {
            throw new IllegalStateException("no service jar at " + settings.serviceJar() + ": build it with mvn package");
        }
        String jdbcUrl = SharedTestDatabase.jdbcUrl();
        String user = SharedTestDatabase.username();
        String password = SharedTestDatabase.password();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("takenAt", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("database", System.getenv("CRM_TEST_DATABASE_URL") == null
                ? "embedded PostgreSQL (fsync off), same machine" : "CRM_TEST_DATABASE_URL");
        results.put("settings", Map.of("organizations", settings.organizations(),
                "contactsPerOrganization", settings.contactsPerOrganization(), "clients", settings.clients(),
                "warmUpSeconds", BenchSettings.WARM_UP.toSeconds(), "durationSeconds", settings.duration().toSeconds(),
                "historyEvents", settings.historyEvents(), "serviceJvmArgs", settings.serviceJvmArgs(),
                "serviceArgs", settings.serviceArgs(), "pacing", "closed loop"));
        log("machine: %s", results.get("machine"));

        try (GraphApiRecorder graph = new GraphApiRecorder();
             Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            // 1. the service under load
            log("starting the service (%s)", settings.serviceJar());
            List<WebhookTraffic.Organization> organizations;
            WebhookTraffic.Result service;
            long backlog;
            Map<String, Object> memory = new LinkedHashMap<>();
            String loadProfile;
            try (ServiceProcess process = ServiceProcess.start(settings, jdbcUrl, user, password, graph.baseUrl(), "load")) {
                organizations = onboard(new AdminClient(process.baseUrl(), ServiceProcess.ADMIN_KEY),
                        settings.organizations());
                WebhookTraffic traffic = new WebhookTraffic("service", process.baseUrl() + "/webhooks/whatsapp",
                        ServiceProcess.APP_SECRET, organizations, settings.contactsPerOrganization(), settings.clients(),
                        true, jdbcUrl, user, password);
                graph.listener(traffic::replied);
                log("service: %d s warm-up + %d s measured, %d clients, %d contacts", BenchSettings.WARM_UP.toSeconds(),
                        settings.duration().toSeconds(), settings.clients(),
                        settings.organizations() * settings.contactsPerOrganization());
                service = traffic.run(BenchSettings.WARM_UP, settings.duration());
                backlog = queryLong(db, "SELECT count(*) FROM inbound_inbox WHERE status = 'pending'");
                graph.listener((a, b, c, d) -> { });
                process.close();
                memory.put("loadPeakHeapMiB", process.peakHeapBytes() / 1048576.0);
                memory.put("loadPeakRssMiB", process.peakRssKb() / 1024.0);
                loadProfile = settings.jfr() ? JfrSummary.summarize(process.jfrFile()) : "(bench.jfr=false)";
            }
            log("service: %s", service);

            // 2. the baseline, with the same generator and database
            Map<String, String> organizationsByNumber = new HashMap<>();
            organizations.forEach(o -> organizationsByNumber.put(o.phoneNumberId(), o.id()));
            WebhookTraffic.Result baseline;
            try (BaselineInboundService plain = new BaselineInboundService(jdbcUrl, user, password,
                    ServiceProcess.APP_SECRET, organizationsByNumber, 20, 64)) {
                log("baseline: %d s warm-up + %d s measured", BenchSettings.WARM_UP.toSeconds(), settings.duration().toSeconds());
                baseline = new WebhookTraffic("baseline", plain.url(), ServiceProcess.APP_SECRET, organizations,
                        settings.contactsPerOrganization(), settings.clients(), false, null, null, null)
                        .run(BenchSettings.WARM_UP, settings.duration());
            }
            log("baseline: %s", baseline);

            // 3. history, and the ceiling of reading it
            List<String> organizationIds = organizations.stream().map(WebhookTraffic.Organization::id).toList();
            long loadEvents = EventHistory.count(db);
            log("event store after the load run: %,d events; growing it to %,d", loadEvents, settings.historyEvents());
            long events = EventHistory.growTo(db, settings.historyEvents(), organizationIds);
            EventHistory.RawRead raw = EventHistory.readAndDeserialize(db);
            log("raw read + deserialize: %,d events in %.1f s = %,.0f events/s", raw.events(), raw.seconds(),
                    raw.eventsPerSecond());

            // 4. full rebuild of every read-model projection by the service's own processors
            Replay replay = replay(settings, db, jdbcUrl, user, password, graph, organizationIds, events);
            memory.put("replayPeakHeapMiB", replay.peakHeapMiB);
            memory.put("replayPeakRssMiB", replay.peakRssMiB);

            results.put("service", service);
            results.put("baseline", baseline);
            results.put("inboxBacklogAfterRun", backlog);
            results.put("history", Map.of("eventsAfterLoadRun", loadEvents, "events", events));
            results.put("rawReadAndDeserialize", Map.of("events", raw.events(), "seconds", raw.seconds(),
                    "eventsPerSecond", raw.eventsPerSecond()));
            results.put("replay", replay.asMap());
            results.put("dashboard", replay.dashboard);
            results.put("memory", memory);
            results.put("profileLoad", loadProfile);
            results.put("profileReplay", replay.profile);
            String table = Report.table(results, service, baseline, raw, replay, memory);
            System.out.println(table);
            System.out.println("JFR, service under webhook load:\n" + loadProfile);
            System.out.println("JFR, service replaying:\n" + replay.profile);
            results.put("table", table);
            Path json = settings.outputDir().resolve("results.json");
            JSON.writeValue(json.toFile(), results);
            log("results written to %s", json);
        }
        System.exit(0);
    }

    static final class Replay {
        long events;
        double seconds;
        boolean completed;
        long slowestPosition;
        Map<String, Double> secondsByProcessor = new LinkedHashMap<>();
        double peakHeapMiB;
        double peakRssMiB;
        Map<String, Object> dashboard;
        String profile = "(bench.jfr=false)";

        double eventsPerSecond() {
            return (completed ? events : slowestPosition) / seconds;
        }

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("method", "tokens of every read-model processing group reset to null (start of the store), their read tables truncated "
                    + "(ReadTables.ALL), service restarted; timed from the first projection token past 0 to every projection token "
                    + "at the head");
            map.put("events", events);
            map.put("seconds", seconds);
            map.put("completed", completed);
            map.put("eventsPerSecond", eventsPerSecond());
            map.put("secondsByProcessor", secondsByProcessor);
            return map;
        }
    }

    private static Replay replay(BenchSettings settings, Connection db, String jdbcUrl, String user, String password,
                                 GraphApiRecorder graph, List<String> organizationIds, long events) throws Exception {
        long head = EventHistory.head(db);
        List<String> groups = new ArrayList<>(ReadTables.BY_GROUP.keySet());
        java.sql.Array projectionGroups = db.createArrayOf("text", groups.toArray());
        // Processors that are not projections (the reply dispatcher talks to WhatsApp) must not act on the copies.
        try (PreparedStatement others = db.prepareStatement(
                "SELECT processorname, segment, convert_from(token, 'UTF8') FROM tokenentry "
                        + "WHERE processorname <> ALL(?) AND token IS NOT NULL")) {
            others.setArray(1, projectionGroups);
            ResultSet rows = others.executeQuery();
            List<String[]> updates = new ArrayList<>();
            while (rows.next()) {
                String token = rows.getString(3).replaceAll("\"index\"\\s*:\\s*\\d+", "\"index\":" + head)
                        .replaceAll("\"gaps\"\\s*:\\s*\\[[^]]*]", "\"gaps\":[]");
                updates.add(new String[]{rows.getString(1), Integer.toString(rows.getInt(2)), token});
            }
            for (String[] update : updates) {
                try (PreparedStatement set = db.prepareStatement(
                        "UPDATE tokenentry SET token = convert_to(?, 'UTF8') WHERE processorname = ? AND segment = ?")) {
                    set.setString(1, update[2]);
                    set.setString(2, update[0]);
                    set.setInt(3, Integer.parseInt(update[1]));
                    set.executeUpdate();
                }
                log("  %s moved to the head (%d) so it ignores the copied history", update[0], head);
            }
        }
        try (PreparedStatement reset = db.prepareStatement("UPDATE tokenentry SET token = NULL, tokentype = NULL, "
                + "owner = NULL WHERE processorname = ANY(?)")) {
            // A null token starts from the first event (a deleted row would be re-created at the head).
            reset.setArray(1, projectionGroups);
            reset.executeUpdate();
        }
        ReadTables.truncate(new JdbcTemplate(new SingleConnectionDataSource(db, true)), ReadTables.ALL);
        log("replay: %,d events (head %d) through %s", events, head, groups);

        Replay replay = new Replay();
        replay.events = events;
        long[] firstSeen = {0};
        Map<String, Long> doneAt = new LinkedHashMap<>();
        long[] slowest = {0};
        Thread watcher = new Thread(() -> {
            try (Connection watch = DriverManager.getConnection(jdbcUrl, user, password);
                 PreparedStatement tokens = watch.prepareStatement("SELECT processorname, convert_from(token, 'UTF8') "
                         + "FROM tokenentry WHERE processorname = ANY(?)")) {
                tokens.setArray(1, watch.createArrayOf("text", groups.toArray()));
                while (!Thread.currentThread().isInterrupted()) {
                    Map<String, Long> positions = new HashMap<>();
                    try (ResultSet rows = tokens.executeQuery()) {
                        while (rows.next()) {
                            String token = rows.getString(2);
                            Matcher index = token == null ? null : TOKEN_INDEX.matcher(token);
                            positions.merge(rows.getString(1), index != null && index.find()
                                    ? Long.parseLong(index.group(1)) : 0L, Math::min);
                        }
                    }
                    long now = System.nanoTime();
                    synchronized (doneAt) {
                        if (firstSeen[0] == 0 && positions.values().stream().anyMatch(p -> p > 0)) {
                            firstSeen[0] = now;
                        }
                        for (String group : groups) {
                            long position = positions.getOrDefault(group, 0L);
                            if (position >= head) {
                                doneAt.putIfAbsent(group, now);
                            }
                        }
                        slowest[0] = groups.stream().mapToLong(g -> positions.getOrDefault(g, 0L)).min().orElse(0);
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                System.err.println("token watcher stopped: " + e);
            }
        }, "replay-watcher");
        watcher.setDaemon(true);
        watcher.start();
        try (ServiceProcess process = ServiceProcess.start(settings, jdbcUrl, user, password, graph.baseUrl(), "replay")) {
            long deadline = System.nanoTime() + settings.replayTimeout().toNanos();
            long lastReport = System.nanoTime();
            while (System.nanoTime() < deadline) {
                synchronized (doneAt) {
                    if (doneAt.size() == groups.size()) {
                        break;
                    }
                }
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(15)) {
                    lastReport = System.nanoTime();
                    synchronized (doneAt) {
                        log("  replay: slowest processor at %,d of %d; done: %s", slowest[0], head, doneAt.keySet());
                    }
                }
                Thread.sleep(100);
            }
            long end = System.nanoTime();
            synchronized (doneAt) {
                replay.completed = doneAt.size() == groups.size();
                long last = replay.completed ? doneAt.values().stream().mapToLong(Long::longValue).max().orElse(end) : end;
                replay.seconds = (last - firstSeen[0]) / 1e9;
                replay.slowestPosition = slowest[0];
                doneAt.forEach((group, at) -> replay.secondsByProcessor.put(group, (at - firstSeen[0]) / 1e9));
            }
            watcher.interrupt();
            log("replay: %s in %.1f s = %,.0f events/s", replay.completed ? "complete" : "NOT complete",
                    replay.seconds, replay.eventsPerSecond());

            // 5. dashboard queries on the rebuilt tables, the service idle
            DashboardQueries.Timing timing = DashboardQueries.time(db, organizationIds, 100);
            Map<String, Object> dashboard = new LinkedHashMap<>();
            dashboard.put("method", "SQL of the dashboard views timed over JDBC");
            dashboard.put("p50Ms", timing.all().percentileMillis(50));
            dashboard.put("p95Ms", timing.all().percentileMillis(95));
            Map<String, Object> byQuery = new LinkedHashMap<>();
            timing.byQuery().forEach((name, latencies) -> byQuery.put(name, Map.of(
                    "p50Ms", latencies.percentileMillis(50), "p95Ms", latencies.percentileMillis(95))));
            dashboard.put("byQuery", byQuery);
            dashboard.put("rowsOfOneOrganization", timing.rowsPerOrganization());
            replay.dashboard = dashboard;
            log("dashboard: %s", dashboard);
            process.close();
            replay.peakHeapMiB = process.peakHeapBytes() / 1048576.0;
            replay.peakRssMiB = process.peakRssKb() / 1024.0;
            if (settings.jfr()) {
                replay.profile = JfrSummary.summarize(process.jfrFile());
            }
        }
        return replay;
    }

    private static List<WebhookTraffic.Organization> onboard(AdminClient admin, int count) {
        List<WebhookTraffic.Organization> organizations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phoneNumberId = Long.toString(100_000_000_000L + i * 7_919L + (System.nanoTime() % 1_000_000L) * 1000);
            AdminClient.Response created = admin.post("/admin/organizations", Map.of(
                    "name", "Bench org " + i,
                    "phoneNumberId", phoneNumberId,
                    "prices", List.of(
                            Map.of("module", "general", "action", "reply", "tokens", 1),
                            Map.of("module", "surveys", "action", "reply", "tokens", 2),
                            Map.of("module", "events", "action", "reply", "tokens", 1)),
                    "lowBalanceThreshold", 0));
            if (created.status() != 201) {
                throw new IllegalStateException("onboarding failed: " + created);
            }
            String id = created.text("organizationId");
            String path = "/admin/organizations/" + id;
            check(admin.post(path + "/wallet/purchases", Map.of("paymentReference", "bench-" + i,
                    "amount", 1_000_000_000L)), "purchase");
            check(admin.post(path + "/surveys", Map.of(
                    "title", "Event feedback",
                    "intro", "Thanks for coming!",
                    "thankYou", "Thank you, your feedback helps us!",
                    "keywords", List.of("feedback"),
                    "questions", List.of(
                            Map.of("id", "q1", "text", "How would you rate the event?", "type", "RATING", "required", true),
                            Map.of("id", "q2", "text", "Would you come again?", "type", "YES_NO", "required", true),
                            Map.of("id", "q3", "text", "What did you like most?", "type", "FREE_TEXT", "required", true),
                            Map.of("id", "q4", "text", "Anything else to tell us?", "type", "FREE_TEXT",
                                    "required", false)))), "survey");
            organizations.add(new WebhookTraffic.Organization(id, phoneNumberId, i));
        }
        return organizations;
    }

    private static void check(AdminClient.Response response, String what) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(what + " failed: " + response);
        }
    }

    static long queryLong(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] "
                + String.format(Locale.ROOT, format, args));
    }

    @SuppressWarnings("unused")
    private static Duration seconds(double value) {
        return Duration.ofMillis((long) (value * 1000));
    }
}
