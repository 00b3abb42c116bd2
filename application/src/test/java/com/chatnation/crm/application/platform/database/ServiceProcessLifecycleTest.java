package com.chatnation.crm.application.platform.database;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.ServiceJvm;
import com.chatnation.crm.application.support.WebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as its own process on its own embedded PostgreSQL, the way a developer or a small installation runs
 * it: a second instance started on the same data directory is refused and takes nothing away; a kill -9 under
 * load, then a restart on the same directory (which has to stop the PostgreSQL server the killed instance left
 * running), loses and doubles nothing, replies and wallet included; a SIGTERM under load stops it without a
 * warning and with exit code 0. One data directory and a few processes serve all three, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceProcessLifecycleTest {

    private static final int SENDERS = 6;
    private static final int CONTACTS_PER_SENDER = 3;
    private static final int MESSAGES_PER_SENDER = 30;
    private static final int KILL_AFTER_ACCEPTED = 60;
    private static final long PURCHASED = 100_000;
    /** The reply dispatcher's threads: at most this many Graph API calls are in flight when the process dies. */
    private static final int DISPATCH_THREADS = 16;

    private Path workDir;
    private Path dataDir;
    private ServiceJvm first;
    private ServiceJvm restarted;

    @BeforeAll
    void startTheFirstInstance(@TempDir Path workDir) {
        this.workDir = workDir;
        dataDir = workDir.resolve("crm-data");
        first = ServiceJvm.start(dataDir, workDir.resolve("first.log"));
    }

    @Test
    @Order(1)
    void aSecondStartOnTheLiveDataDirectoryIsRefusedAndTheFirstKeepsItsDatabase() throws Exception {
        PostmasterPidFile before = postmaster();

        ServiceJvm second = ServiceJvm.launch(dataDir, workDir.resolve("second.log"));
        int exitCode = second.awaitExit(Duration.ofSeconds(90));

        assertThat(exitCode).as("the refused start's exit code").isNotZero();
        assertThat(String.join("\n", second.logLines()))
                .contains("data directory " + dataDir.resolve("postgres") + " is in use by process " + first.pid()
                        + " (another instance of the service?)");
        assertThat(postmaster().pid()).as("the first instance's PostgreSQL is the one still running")
                .isEqualTo(before.pid());
        assertThat(database().queryForObject("SELECT count(*) FROM organizations", Long.class)).isNotNull();
        // the first instance still writes and reads through its database
        String organizationId = first.admin().onboardOrganization(0);
        assertThat(first.admin().get("/admin/organizations/" + organizationId).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void killedMidLoadAndRestartedOnTheSameDatabaseItLosesAndDoublesNothing() throws Exception {
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        String organizationId = first.admin().onboard(Map.of("name", "Kill -9 org", "phoneNumberId", phoneNumberId,
                "prices", List.of(Map.of("module", "general", "action", "reply", "tokens", 1),
                        Map.of("module", "surveys", "action", "reply", "tokens", 1),
                        Map.of("module", "events", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", 0)).organizationId();
        assertThat(first.admin().post("/admin/organizations/" + organizationId + "/wallet/purchases",
                Map.of("paymentReference", "kill-test", "amount", PURCHASED)).status()).isEqualTo(200);

        int port = first.port();
        WebhookClient webhook = new WebhookClient(port);
        Set<String> acceptedBeforeKill = ConcurrentHashMap.newKeySet();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger retried = new AtomicInteger();
        CountDownLatch enoughForTheKill = new CountDownLatch(KILL_AFTER_ACCEPTED);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));

        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            running.add(senders.submit(() -> {
                List<String> contacts = new ArrayList<>();
                for (int c = 0; c < CONTACTS_PER_SENDER; c++) {
                    contacts.add("2547" + (10_000_000 + (long) (Math.random() * 89_999_999)));
                }
                for (int n = 0; n < MESSAGES_PER_SENDER; n++) {
                    String messageId = "wamid.kill." + sender + "." + n + "." + UUID.randomUUID();
                    String body = WebhookClient.text(phoneNumberId, contacts.get(n % contacts.size()), messageId, "hi");
                    sent.add(messageId);
                    // as Meta does: the same delivery again until it is answered 200
                    while (true) {
                        boolean beforeKill = !killed.get();
                        try {
                            if (webhook.postSigned(body).statusCode() == 200) {
                                accepted.add(messageId);
                                if (beforeKill && !killed.get()) {
                                    acceptedBeforeKill.add(messageId);
                                }
                                enoughForTheKill.countDown();
                                break;
                            }
                        } catch (UncheckedIOException down) {
                            // the service is down or was killed mid-request
                        }
                        retried.incrementAndGet();
                        if (Instant.now().isAfter(deadline)) {
                            throw new AssertionError("message " + messageId + " never accepted");
                        }
                        sleep(100);
                    }
                }
                return null;
            }));
        }

        assertThat(enoughForTheKill.await(90, TimeUnit.SECONDS)).as("load before the kill").isTrue();
        killed.set(true);
        long orphan = postmaster().pid();
        first.kill(); // SIGKILL: no shutdown hook, no graceful anything
        int answeredBeforeKill = acceptedBeforeKill.size();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                .as("the embedded PostgreSQL outlives the killed JVM (pg_ctl starts it detached)").contains(true);

        restarted = ServiceJvm.start(port, dataDir, workDir.resolve("restarted.log"));
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                .as("the orphaned PostgreSQL was stopped by the restart").isFalse();
        assertThat(String.join("\n", restarted.logLines()))
                .contains("Stopping PostgreSQL (process " + orphan + ", port ");
        for (Future<?> sender : running) {
            sender.get(120, TimeUnit.SECONDS);
        }
        senders.shutdown();

        int total = SENDERS * MESSAGES_PER_SENDER;
        assertThat(accepted).hasSize(total);
        JdbcTemplate db = database();
        await("every accepted message replied to and charged", Duration.ofSeconds(60), () ->
                db.queryForObject("SELECT count(*) FROM outbound_replies WHERE organization_id = ? AND status = 'sent'",
                        Integer.class, organizationId) >= total
                        && db.queryForObject("SELECT count(*) FROM token_transactions WHERE organization_id = ? "
                        + "AND type = 'debit'", Integer.class, organizationId) >= total
                        && db.queryForObject("SELECT count(*) FROM messages WHERE organization_id = ? "
                        + "AND direction = 'inbound'", Integer.class, organizationId) >= total);

        // every message answered 200 (before the kill or after) is in the event store and the transcript once
        Map<String, Long> stored = counts(db, "SELECT payload->>'messageId', count(*) FROM event_log "
                + "WHERE event_type = 'MessageReceived' AND payload->>'organizationId' = ? GROUP BY 1", organizationId);
        assertThat(stored.keySet()).containsAll(acceptedBeforeKill).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(stored.values()).allMatch(count -> count == 1);
        assertThat(counts(db, "SELECT id, count(*) FROM messages WHERE organization_id = ? AND direction = 'inbound' "
                + "GROUP BY 1", organizationId)).isEqualTo(stored);

        // one reply each, queued once, sent, charged exactly once under its reply id
        Map<String, Long> repliesPerMessage = counts(db, "SELECT in_reply_to, count(*) FROM outbound_replies "
                + "WHERE organization_id = ? AND status = 'sent' GROUP BY 1", organizationId);
        assertThat(repliesPerMessage).isEqualTo(stored);
        Map<String, Long> debitsPerReply = counts(db, "SELECT reference_id, count(*) FROM token_transactions "
                + "WHERE organization_id = ? AND type = 'debit' GROUP BY 1", organizationId);
        assertThat(debitsPerReply.keySet()).containsExactlyInAnyOrderElementsOf(db.queryForList(
                "SELECT reply_id FROM outbound_replies WHERE organization_id = ?", String.class, organizationId));
        assertThat(debitsPerReply.values()).allMatch(count -> count == 1);
        assertThat(db.queryForObject("SELECT count(*) FROM token_transactions WHERE organization_id = ? "
                + "AND type = 'refund'", Integer.class, organizationId)).isZero();

        // the wallet: purchases minus the debits recorded, one token for each reply charged
        long debited = db.queryForObject("SELECT coalesce(sum(amount), 0) FROM token_transactions "
                + "WHERE organization_id = ? AND type = 'debit'", Long.class, organizationId);
        long balance = restarted.admin().get("/admin/organizations/" + organizationId + "/wallet").body()
                .path("balance").asLong();
        assertThat(balance).isEqualTo(PURCHASED - debited).isEqualTo(PURCHASED - total);

        // WhatsApp got every reply; one is sent twice only if the process died while its Graph API call was in
        // flight (taken by WhatsApp, not yet recorded as handed over), so at most one per dispatcher thread
        Map<String, Integer> sendsPerMessage = new HashMap<>();
        for (GraphApiStandIn.Sent call : GraphApiStandIn.shared().sentFrom(phoneNumberId)) {
            sendsPerMessage.merge(call.body().path("context").path("message_id").asText(), 1, Integer::sum);
        }
        assertThat(sendsPerMessage.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
        int resent = sendsPerMessage.values().stream().mapToInt(count -> count - 1).sum();
        assertThat(resent).as("replies sent twice").isLessThanOrEqualTo(DISPATCH_THREADS);

        System.out.printf("kill -9 under load: %d messages from %d senders, %d answered 200 before the kill, "
                        + "%d deliveries repeated by the senders, %d replies charged once each, %d re-sent%n",
                total, SENDERS, answeredBeforeKill, retried.get(), debitsPerReply.size(), resent);
    }

    @Test
    @Order(3)
    void aSigtermUnderLoadStopsItWithoutAWarningOrAnErrorAndWithExitCodeZero() throws Exception {
        ServiceJvm service = restarted != null ? restarted : first;
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        String organizationId = service.admin().onboard(Map.of("name", "Stop org", "phoneNumberId", phoneNumberId,
                "prices", List.of(Map.of("module", "general", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", 0)).organizationId();
        service.admin().post("/admin/organizations/" + organizationId + "/wallet/purchases",
                Map.of("paymentReference", "stop-test", "amount", PURCHASED));
        WebhookClient webhook = new WebhookClient(service.port());
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch underWay = new CountDownLatch(30);
        ExecutorService senders = Executors.newFixedThreadPool(3);
        for (int s = 0; s < 3; s++) {
            senders.submit(() -> {
                String contact = "2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
                while (!stopping.get()) {
                    try {
                        webhook.postSigned(WebhookClient.text(phoneNumberId, contact, "wamid.stop." + UUID.randomUUID(),
                                "hi"));
                        underWay.countDown();
                    } catch (UncheckedIOException refused) {
                        return; // the service stopped listening
                    }
                }
            });
        }
        assertThat(underWay.await(60, TimeUnit.SECONDS)).isTrue();
        int linesBefore = service.logLines().size();

        int exitCode = service.stop(Duration.ofSeconds(60));
        stopping.set(true);
        senders.shutdown();

        List<String> afterSignal = service.logLines().subList(linesBefore, service.logLines().size());
        assertThat(afterSignal.stream().filter(line -> line.matches(".*\\b(WARN|ERROR)\\b.*")).toList())
                .as("warnings and errors after SIGTERM").isEmpty();
        assertThat(afterSignal).anyMatch(line -> line.contains("HikariPool-1 - Shutdown completed"))
                .anyMatch(line -> line.contains("shut down postmaster"));
        assertThat(indexOf(afterSignal, "Shutdown completed"))
                .as("the pool is closed before the database stops")
                .isLessThan(indexOf(afterSignal, "received fast shutdown request"));
        assertThat(exitCode).isZero();
        assertThat(dataDir.resolve("postgres").resolve(PostmasterPidFile.NAME)).doesNotExist();
    }

    @AfterAll
    void stopEverything() throws IOException {
        for (ServiceJvm service : new ServiceJvm[] {first, restarted}) {
            if (service != null) {
                service.close();
            }
        }
        // a failed run may leave an embedded PostgreSQL running on the temporary directory
        try {
            if (dataDir == null) {
                return;
            }
            PostmasterPidFile.read(dataDir.resolve("postgres")).flatMap(p -> ProcessHandle.of(p.pid()))
                    .ifPresent(ProcessHandle::destroy);
        } catch (PostmasterPidFile.Unreadable ignored) {
            // nothing to stop
        }
    }

    private PostmasterPidFile postmaster() throws IOException, PostmasterPidFile.Unreadable {
        return PostmasterPidFile.read(dataDir.resolve("postgres")).orElseThrow();
    }

    private JdbcTemplate database() throws IOException, PostmasterPidFile.Unreadable {
        return new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://localhost:" + postmaster().port() + "/postgres", "postgres", ""));
    }

    private static Map<String, Long> counts(JdbcTemplate db, String sql, Object... arguments) {
        return db.query(sql, (rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)), arguments).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            sleep(200);
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
