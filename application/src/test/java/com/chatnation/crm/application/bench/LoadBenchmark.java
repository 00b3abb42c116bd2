package com.chatnation.crm.application.bench;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.SharedTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    // paced runs' contacts are numbered from here, in blocks apart from each other's and the saturated run's
    // (see WebhookTraffic.phone)
    private static final int PACED_CONTACTS_FROM = 50_000;
    private static final int PACED_CONTACTS_BLOCK = 10_000;

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
                "serviceArgs", settings.serviceArgs(), "pacing", "closed loop, then paced",
                "paced", settings.paced()));
        log("machine: %s", results.get("machine"));

        try (GraphApiRecorder graph = new GraphApiRecorder();
             Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            // 1. the service under load
            log("starting the service (%s)", settings.serviceJar());
            List<WebhookTraffic.Organization> organizations;
            WebhookTraffic.Result service;
            List<Paced> paced = new ArrayList<>();
            long backlog;
            double processedPerSecond;
            CostPerMessage costs;
            Map<String, Object> memory = new LinkedHashMap<>();
            String loadProfile;
            BroadcastLoad.Figures broadcast = null;
            TwoInstances twoInstances = null;
            try (ServiceProcess process = ServiceProcess.start(settings, jdbcUrl, user, password, graph.baseUrl(), "load")) {
                List<AdminClient> owners = new ArrayList<>();
                AdminClient platform = new AdminClient(process.baseUrl(), ServiceProcess.ADMIN_KEY);
                organizations = onboard(platform, settings.organizations(), owners);
                WebhookTraffic traffic = new WebhookTraffic("service", process.baseUrl() + "/webhooks/whatsapp",
                        ServiceProcess.APP_SECRET, organizations, 0, settings.contactsPerOrganization(), settings.clients(),
                        true, jdbcUrl, user, password);
                graph.listener(traffic::replied);
                log("service: %d s warm-up + %d s measured, %d clients, %d contacts", BenchSettings.WARM_UP.toSeconds(),
                        settings.duration().toSeconds(), settings.clients(),
                        settings.organizations() * settings.contactsPerOrganization());
                long eventsBefore = queryLong(db, "SELECT coalesce(max(globalindex), 0) FROM domainevententry");
                long messagesBefore = queryLong(db, DECIDED_MESSAGES);
                long[] workBefore = CostPerMessage.databaseWork(db);
                double[] cpuBefore = CostPerMessage.cpuSeconds(process.pid());
                CpuWindow cpu = CpuWindow.after(process.pid(), BenchSettings.WARM_UP, settings.duration());
                service = traffic.run(BenchSettings.WARM_UP, settings.duration());
                backlog = queryLong(db, "SELECT count(*) FROM inbound_inbox WHERE status = 'pending'");
                costs = CostPerMessage.since(db, eventsBefore, queryLong(db, DECIDED_MESSAGES) - messagesBefore,
                        workBefore, cpuBefore, process.pid(), traffic.visibilityQueries());
                log("per inbound message: %s", costs);
                processedPerSecond = processedPerSecond(db, service);
                double[] windowCpu = cpu.seconds();
                double windowMessages = processedPerSecond * service.seconds();
                results.put("serviceCpuMillisPerInboundMessage", windowCpu[0] * 1000 / windowMessages);
                results.put("databaseCpuMillisPerInboundMessage", windowCpu[1] * 1000 / windowMessages);
                log("measured window: service CPU %.1f ms, PostgreSQL CPU %.1f ms per inbound message",
                        windowCpu[0] * 1000 / windowMessages, windowCpu[1] * 1000 / windowMessages);
                log("service: %s", service);

                for (String pace : settings.paced()) {
                    double rate = BenchSettings.pacedRate(pace, processedPerSecond);
                    WebhookTraffic pacedTraffic = new WebhookTraffic("service-paced", process.baseUrl()
                            + "/webhooks/whatsapp", ServiceProcess.APP_SECRET, organizations,
                            PACED_CONTACTS_FROM + paced.size() * PACED_CONTACTS_BLOCK, settings.contactsPerOrganization(),
                            settings.clients(), true, jdbcUrl, user, password).paced(rate);
                    graph.listener(pacedTraffic::replied);
                    log("service paced at %.0f messages/s: %d s warm-up + %d s measured", rate,
                            BenchSettings.PACED_WARM_UP.toSeconds(), settings.duration().toSeconds());
                    paced.add(new Paced(rate, pacedTraffic.run(BenchSettings.PACED_WARM_UP, settings.duration())));
                    log("service paced: %s", paced.get(paced.size() - 1).result());
                }
                if (settings.instances() > 1) {
                    twoInstances = twoInstances(settings, jdbcUrl, user, password, graph, process, organizations, db);
                }
                if (settings.broadcastRecipients() > 0) {
                    double botRate = paced.isEmpty() ? 10 : Math.max(5, paced.get(0).offeredMessagesPerSecond()
                            / settings.organizations());
                    log("broadcast to %,d recipients on the number of organization 0, its bot paced at %.0f/s",
                            settings.broadcastRecipients(), botRate);
                    broadcast = BroadcastLoad.run(process.baseUrl(), ServiceProcess.APP_SECRET, platform,
                            organizations.get(0), owners.get(0), db, graph, settings.broadcastRecipients(), botRate,
                            settings.duration(), jdbcUrl, user, password);
                }
                graph.listener((a, b, c, d) -> { });
                process.close();
                memory.put("loadPeakHeapMiB", process.peakHeapBytes() / 1048576.0);
                memory.put("loadPeakRssMiB", process.peakRssKb() / 1024.0);
                loadProfile = settings.jfr() ? JfrSummary.summarize(process.jfrFile()) : "(bench.jfr=false)";
            }

            // 2. the baseline, with the same generator and database
            Map<String, String> organizationsByNumber = new HashMap<>();
            organizations.forEach(o -> organizationsByNumber.put(o.phoneNumberId(), o.id()));
            WebhookTraffic.Result baseline;
            try (BaselineInboundService plain = new BaselineInboundService(jdbcUrl, user, password,
                    ServiceProcess.APP_SECRET, organizationsByNumber, 20, 64)) {
                log("baseline: %d s warm-up + %d s measured", BenchSettings.WARM_UP.toSeconds(), settings.duration().toSeconds());
                baseline = new WebhookTraffic("baseline", plain.url(), ServiceProcess.APP_SECRET, organizations,
                        0, settings.contactsPerOrganization(), settings.clients(), false, null, null, null)
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
            results.put("servicePaced", paced);
            if (twoInstances != null) {
                results.put("twoInstances", twoInstances);
            }
            results.put("baseline", baseline);
            results.put("inboxBacklogAfterRun", backlog);
            results.put("processedMessagesPerSecond", processedPerSecond);
            results.put("eventsPerInboundMessage", costs.perMessage());
            results.put("eventsOfTheSaturatedRunByType", costs.byType());
            results.put("databaseCommitsPerInboundMessage", costs.commitsPerMessage());
            results.put("databaseRowsWrittenPerInboundMessage", costs.rowsWrittenPerMessage());
            results.put("history", Map.of("eventsAfterLoadRun", loadEvents, "events", events));
            results.put("rawReadAndDeserialize", Map.of("events", raw.events(), "seconds", raw.seconds(),
                    "eventsPerSecond", raw.eventsPerSecond()));
            results.put("replay", replay.asMap());
            if (broadcast != null) {
                results.put("broadcast", broadcast.asMap());
            }
            results.put("dashboard", replay.dashboard);
            results.put("memory", memory);
            results.put("profileLoad", loadProfile);
            results.put("profileReplay", replay.profile);
            String table = Report.table(results, service, paced, baseline, raw, replay, memory, broadcast, twoInstances);
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

    /** A paced run: the messages/s it offered, and what it measured. */
    record Paced(double offeredMessagesPerSecond, WebhookTraffic.Result result) {
    }

    static final class Replay {
        long events;
        double seconds;
        boolean completed;
        long processed;
        double peakHeapMiB;
        double peakRssMiB;
        Map<String, Object> dashboard;
        JsonNode finalStatus;
        String profile = "(bench.jfr=false)";

        double eventsPerSecond() {
            return processed / seconds;
        }

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("method", "POST /admin/replay/all on the running service: every read-model projection rebuilt from "
                    + "the whole event store into shadow tables and swapped in; timed from the request to the state "
                    + "'completed'");
            map.put("events", events);
            map.put("processed", processed);
            map.put("seconds", seconds);
            map.put("completed", completed);
            map.put("eventsPerSecond", eventsPerSecond());
            map.put("finalStatus", finalStatus);
            return map;
        }
    }

    private static Replay replay(BenchSettings settings, Connection db, String jdbcUrl, String user, String password,
                                 GraphApiRecorder graph, List<String> organizationIds, long events) throws Exception {
        long head = EventHistory.head(db);
        // The copied history is for the rebuild only: every live processor (the reply dispatcher talks to WhatsApp)
        // starts at the head, so the measured work is the rebuild's alone.
        List<String[]> updates = new ArrayList<>();
        try (Statement select = db.createStatement(); ResultSet rows = select.executeQuery(
                "SELECT processorname, segment, convert_from(token, 'UTF8') FROM tokenentry WHERE token IS NOT NULL")) {
            while (rows.next()) {
                String token = rows.getString(3).replaceAll("\"index\"\\s*:\\s*\\d+", "\"index\":" + head)
                        .replaceAll("\"gaps\"\\s*:\\s*\\[[^]]*]", "\"gaps\":[]");
                updates.add(new String[]{rows.getString(1), Integer.toString(rows.getInt(2)), token});
            }
        }
        for (String[] update : updates) {
            try (PreparedStatement set = db.prepareStatement(
                    "UPDATE tokenentry SET token = convert_to(?, 'UTF8'), owner = NULL WHERE processorname = ? AND segment = ?")) {
                set.setString(1, update[2]);
                set.setString(2, update[0]);
                set.setInt(3, Integer.parseInt(update[1]));
                set.executeUpdate();
            }
        }
        log("replay: %,d events (head %d), rebuild of every projection through POST /admin/replay/all", events, head);

        Replay replay = new Replay();
        replay.events = events;
        // Messages the load run left in the inbox stay there: the rebuild is measured on its own, not against them.
        try (ServiceProcess process = ServiceProcess.start(settings, jdbcUrl, user, password, graph.baseUrl(), "replay",
                "--crm.inbox.workers=0")) {
            AdminClient admin = new AdminClient(process.baseUrl(), ServiceProcess.ADMIN_KEY);
            long started = System.nanoTime();
            AdminClient.Response accepted = admin.post("/admin/replay/all", Map.of());
            if (accepted.status() != 202) {
                throw new IllegalStateException("rebuild refused: " + accepted);
            }
            long deadline = started + settings.replayTimeout().toNanos();
            long lastReport = started;
            JsonNode status = admin.get("/admin/replay/all").body();
            while ("running".equals(status.path("state").asText()) && System.nanoTime() < deadline) {
                if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(15)) {
                    lastReport = System.nanoTime();
                    log("  replay: %,d of %,d events, %s events/s (%s)", status.path("processed").asLong(),
                            status.path("total").asLong(), status.path("eventsPerSecond").asText(),
                            status.path("phase").asText());
                }
                Thread.sleep(200);
                status = admin.get("/admin/replay/all").body();
            }
            long end = System.nanoTime();
            replay.finalStatus = status;
            replay.completed = "completed".equals(status.path("state").asText());
            replay.processed = status.path("processed").asLong();
            replay.seconds = (end - started) / 1e9;
            if (!replay.completed) {
                admin.get("/admin/replay/all"); // status for the log below
            }
            log("replay: %s, %,d events in %.1f s = %,.0f events/s (%s)", replay.completed ? "complete" : "NOT complete",
                    replay.processed, replay.seconds, replay.eventsPerSecond(), status);

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

    /**
     * Onboards each organization as the platform operator (which invites an owner), has the owner accept the
     * invitation, credits the wallet as the platform and publishes the survey as the owner.
     */
    private static List<WebhookTraffic.Organization> onboard(AdminClient platform, int count, List<AdminClient> owners) {
        List<WebhookTraffic.Organization> organizations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phoneNumberId = Long.toString(100_000_000_000L + i * 7_919L + (System.nanoTime() % 1_000_000L) * 1000);
            AdminClient.Onboarded created = platform.onboard(Map.of(
                    "name", "Bench org " + i,
                    "phoneNumberId", phoneNumberId,
                    "prices", List.of(
                            Map.of("module", "general", "action", "reply", "tokens", 1),
                            Map.of("module", "surveys", "action", "reply", "tokens", 2),
                            Map.of("module", "events", "action", "reply", "tokens", 1),
                            Map.of("module", "templates", "action", "marketing", "tokens", 1)),
                    "lowBalanceThreshold", 0));
            String id = created.organizationId();
            owners.add(created.owner());
            check(platform.post("/admin/organizations/" + id + "/wallet/purchases", Map.of("paymentReference",
                    "bench-" + i, "amount", 1_000_000_000L)), "purchase");
            check(created.owner().post(created.path("/surveys"), Map.of(
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

    /** Inbound messages the inbox workers turned into decisions per second of the measured window. */
    /** The saturated run against two instances on one database: what they processed together, and where. */
    record TwoInstances(WebhookTraffic.Result traffic, double processedPerSecond, Map<String, Long> decidedBy) {
    }

    // the two-instance run's contacts, apart from the saturated and paced runs' (see WebhookTraffic.phone)
    private static final int TWO_INSTANCES_CONTACTS_FROM = 40_000;

    /**
     * A second instance of the service, started on the same database and Kafka-less inbox, with a data directory of its
     * own and the first one's master key; the same closed-loop traffic, each request to either instance in turn, as a
     * load balancer would spread it. The instances share the inbox lanes, the processors' segments and the send cap.
     */
    private static TwoInstances twoInstances(BenchSettings settings, String jdbcUrl, String user, String password,
                                             GraphApiRecorder graph, ServiceProcess first,
                                             List<WebhookTraffic.Organization> organizations, Connection db)
            throws Exception {
        log("starting a second instance on the same database");
        try (ServiceProcess second = ServiceProcess.startIn("crm-data-2", settings, jdbcUrl, user, password,
                graph.baseUrl(), "load-2", "--crm.privacy.master-key-file="
                        + settings.outputDir().resolve("crm-data").resolve("master-key").toAbsolutePath())) {
            WebhookTraffic traffic = new WebhookTraffic("two-instances", first.baseUrl() + "/webhooks/whatsapp",
                    ServiceProcess.APP_SECRET, organizations, TWO_INSTANCES_CONTACTS_FROM,
                    settings.contactsPerOrganization(), settings.clients(), true, jdbcUrl, user, password)
                    .alsoTo(second.baseUrl() + "/webhooks/whatsapp");
            graph.listener(traffic::replied);
            log("two instances: %d s warm-up + %d s measured", BenchSettings.WARM_UP.toSeconds(),
                    settings.duration().toSeconds());
            WebhookTraffic.Result result = traffic.run(BenchSettings.WARM_UP, settings.duration());
            double processed = processedPerSecond(db, result);
            Map<String, Long> decidedBy = new LinkedHashMap<>();
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT coalesce(owner, '?'), count(*) FROM tokenentry GROUP BY 1 ORDER BY 1""");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    decidedBy.put("processor segments claimed by " + rows.getString(1), rows.getLong(2));
                }
            }
            log("two instances: %s, %.1f messages/s processed, %s", result, processed, decidedBy);
            return new TwoInstances(result, processed, decidedBy);
        }
    }

    /** Inbound messages the inbox has turned into conversation decisions so far. */
    private static final String DECIDED_MESSAGES =
            "SELECT count(*) FROM inbound_inbox WHERE kind = 'message' AND status = 'done'";

    private static double processedPerSecond(Connection db, WebhookTraffic.Result service) throws SQLException {
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM inbound_inbox WHERE kind = 'message' "
                + "AND status = 'done' AND processed_at >= ? AND processed_at < ?")) {
            count.setTimestamp(1, java.sql.Timestamp.from(service.windowStartedAt()));
            count.setTimestamp(2, java.sql.Timestamp.from(service.windowEndedAt()));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1) / service.seconds();
            }
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
