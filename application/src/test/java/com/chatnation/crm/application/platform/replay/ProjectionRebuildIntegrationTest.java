package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.support.TestContacts;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.domain.conversation.Conversation;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import com.chatnation.crm.domain.wallet.DebitTokens;
import com.chatnation.crm.domain.wallet.RefundTokens;
import com.chatnation.crm.domain.wallet.TokenDebited;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.domain.wallet.Wallet;
import com.chatnation.crm.domain.wallet.WalletCreated;
import com.chatnation.crm.domain.wallet.WalletId;
import com.chatnation.crm.projections.ReadTables;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilds of the read models on real PostgreSQL while the service runs: determinism against the live-built
 * tables, live traffic and dashboard reads during a rebuild, cancelling, the TokenDebited upcaster on history
 * written in the old shape, and aggregates loading from snapshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionRebuildIntegrationTest {

    private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(2);
    private static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    CommandGateway commands;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    EventStore eventStore;
    @Autowired
    ReplayCommandLine commandLine;

    ReplayClient replay;

    @BeforeEach
    void client() {
        replay = new ReplayClient(port);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    @Order(1)
    void rebuildingTwiceReproducesTheLiveBuiltTablesExactly() throws Exception {
        Conversations org = new Conversations(replay.admin, 50);
        org.publishFeedbackSurvey("feedback");
        for (int i = 0; i < 4; i++) {
            String contact = phone();
            org.says(contact, "hello");
            org.says(contact, "feedback");
            org.says(contact, "5");
        }
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));
        Map<String, String> liveBuilt = replay.checksums("all");
        assertThat(liveBuilt).containsOnlyKeys(ReadTables.ALL);
        assertThat(liveBuilt.get("messages")).isNotEqualTo(EMPTY_MD5);
        assertThat(liveBuilt.get("token_transactions")).isNotEqualTo(EMPTY_MD5);
        assertThat(liveBuilt.get("survey_responses")).isNotEqualTo(EMPTY_MD5);

        for (int round = 1; round <= 2; round++) {
            assertThat(replay.start("all").status()).isEqualTo(202);
            JsonNode finished = replay.awaitFinished("all", REBUILD_TIMEOUT);
            assertThat(finished.path("state").asText()).as("round %d: %s", round, finished).isEqualTo("completed");
            LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));
            assertThat(replay.checksums("all")).as("rebuild %d", round).isEqualTo(liveBuilt);
            // built unlogged, swapped in as ordinary tables
            assertThat(jdbc.queryForList("""
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 'S') AND c.relpersistence <> 'p'""",
                    String.class)).as("unlogged relations left in public").isEmpty();
            System.out.printf("REBUILD-FIGURES quiescent all: %d events, %.1f events/s%n",
                    finished.path("processed").asLong(), finished.path("eventsPerSecond").asDouble());
        }
        assertThat(rebuildSchemas()).isEmpty();
    }

    @Test
    @Order(2)
    void oldTokenDebitedEventsAreUpcastIntoTheReadModelAndIntoTheWallet() throws Exception {
        String organization = "org-legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String wallet = WalletId.forOrganization(organization);
        Instant at = Instant.parse("2024-03-01T10:00:00Z");
        new StoredHistory(jdbc, eventSerializer)
                .add("Wallet", wallet, 0, new WalletCreated(wallet, organization, 0), at)
                .add("Wallet", wallet, 1, new TokensPurchased(wallet, organization, "pay-legacy", 100, 100),
                        at.plusSeconds(1))
                .raw("Wallet", wallet, 2, TokenDebited.class.getName(), "1", """
                        {"walletId":"%s","organizationId":"%s","module":"surveys","action":"reply",\
                        "referenceId":"legacy-debit","amount":30,"balanceAfter":70}""".formatted(wallet, organization),
                        at.plusSeconds(2))
                .append();

        // the live projection reads the old event through the upcaster
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));
        assertThat(legacyDebit(wallet)).containsEntry("module", "surveys").containsEntry("action", "reply")
                .containsEntry("amount", 30L).containsEntry("balance_after", 70L);

        // the wallet aggregate loads it: the reference is known (no second charge) and refundable
        DebitOutcome again = commands.sendAndWait(new DebitTokens(wallet, "surveys", "reply", "legacy-debit", 30));
        assertThat(again.status()).isEqualTo(DebitOutcome.Status.ALREADY_DEBITED);
        Long afterRefund = commands.sendAndWait(new RefundTokens(wallet, "legacy-debit", 30, "goodwill"));
        assertThat(afterRefund).isEqualTo(100L);
        DebitOutcome fresh = commands.sendAndWait(new DebitTokens(wallet, "events", "reply", "new-debit", 5));
        assertThat(fresh.status()).isEqualTo(DebitOutcome.Status.DEBITED);

        // stored history is never rewritten; new debits are written in the new shape
        assertThat(jdbc.queryForObject("SELECT payloadrevision FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = 2", String.class, wallet)).isEqualTo("1");
        Map<String, Object> newDebit = jdbc.queryForMap("SELECT payloadrevision, convert_from(payload, 'UTF8') AS json "
                + "FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ? AND sequencenumber > 2",
                wallet, TokenDebited.class.getName());
        assertThat(newDebit.get("payloadrevision")).isEqualTo("2");
        assertThat((String) newDebit.get("json")).contains("\"billable\":{\"module\":\"events\",\"action\":\"reply\"}");

        // and a rebuild replays both shapes into the same rows
        jdbc.update("DELETE FROM token_transactions WHERE wallet_id = ?", wallet);
        assertThat(replay.start("crm-wallets").status()).isEqualTo(202);
        assertThat(replay.awaitFinished("crm-wallets", REBUILD_TIMEOUT).path("state").asText()).isEqualTo("completed");
        assertThat(legacyDebit(wallet)).containsEntry("module", "surveys").containsEntry("action", "reply");
        assertThat(jdbc.queryForObject("SELECT module || '/' || action FROM token_transactions WHERE wallet_id = ? "
                + "AND reference_id = 'new-debit'", String.class, wallet)).isEqualTo("events/reply");
    }

    private Map<String, Object> legacyDebit(String wallet) {
        return jdbc.queryForMap("SELECT module, action, amount, balance_after FROM token_transactions "
                + "WHERE wallet_id = ? AND reference_id = 'legacy-debit' AND type = 'debit'", wallet);
    }

    @Test
    @Order(3)
    void aRebuildUnderLiveTrafficKeepsDashboardsAnsweringThenFollowsLiveEvents() throws Exception {
        Conversations org = new Conversations(replay.admin, 10_000);
        for (int i = 0; i < 5; i++) {
            org.says(phone(), "hello");
        }
        bulkPurchases(4_000);
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(120));
        Map<String, Set<String>> indexesBefore = indexNames();
        jdbc.execute("CREATE OR REPLACE VIEW replay_test_balances AS SELECT id, balance FROM wallets");
        long historyBefore = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);

        assertThat(replay.start("all").status()).isEqualTo(202);
        assertThat(replay.start("crm-messages").status()).as("a group takes part in one rebuild at a time")
                .isEqualTo(409);
        List<String> sentDuring = new ArrayList<>();
        long dashboardReads = 0;
        long lastCount = -1;
        long maxProcessed = 0;
        JsonNode status = replay.status("all").body();
        while ("running".equals(status.path("state").asText())) {
            String contact = phone();
            org.says(contact, "hi during the rebuild");
            sentDuring.add(contact);
            // a dashboard query on the live tables answers throughout, never going backwards
            long count = jdbc.queryForObject("SELECT count(*) FROM messages WHERE organization_id = ? "
                    + "AND direction = 'inbound'", Long.class, org.organizationId);
            assertThat(count).isGreaterThanOrEqualTo(lastCount);
            lastCount = count;
            dashboardReads++;
            maxProcessed = Math.max(maxProcessed, status.path("processed").asLong());
            if (status.path("processed").asLong() > 0) {
                assertThat(status.path("total").asLong()).isGreaterThanOrEqualTo(status.path("processed").asLong());
            }
            Thread.sleep(50);
            status = replay.status("all").body();
        }
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("completed");
        assertThat(sentDuring).as("traffic during the rebuild").isNotEmpty();
        assertThat(dashboardReads).isPositive();
        assertThat(status.path("processed").asLong()).isGreaterThanOrEqualTo(historyBefore);
        assertThat(status.path("eventsPerSecond").asDouble()).isPositive();
        System.out.printf("REBUILD-FIGURES all: %d events in %s, %.1f events/s%n", status.path("processed").asLong(),
                Duration.between(Instant.parse(status.path("startedAt").asText()),
                        Instant.parse(status.path("finishedAt").asText())), status.path("eventsPerSecond").asDouble());

        // messages that arrived during the rebuild are all in the swapped-in table: it follows live events
        org.says(phone(), "after the rebuild");
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE organization_id = ? AND direction = 'inbound'",
                Long.class, org.organizationId)).isEqualTo(5L + sentDuring.size() + 1);
        // the swapped-in tables carry the migrations' index names, and views were re-pointed at them
        assertThat(indexNames()).isEqualTo(indexesBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM replay_test_balances", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM wallets", Long.class));
        jdbc.execute("DROP VIEW replay_test_balances");
        assertThat(rebuildSchemas()).isEmpty();
    }

    @Test
    @Order(4)
    void cancellingLeavesTheLiveTablesAndProcessorsAsTheyWere() throws Exception {
        bulkPurchases(3_000);
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(120));
        Map<String, String> before = replay.checksums("all");

        assertThat(replay.start("all").status()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (replay.status("all").body().path("processed").asLong() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ShadowTables.exists(jdbc, "rebuild_all")).isTrue();
        AdminClient.Response cancelled = replay.cancel("all");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
        JsonNode finished = replay.awaitFinished("all", REBUILD_TIMEOUT);
        assertThat(finished.path("state").asText()).isEqualTo("cancelled");
        assertThat(finished.path("processed").asLong()).isLessThan(finished.path("total").asLong() + 1);
        assertThat(replay.cancel("all").status()).as("nothing left to cancel").isEqualTo(409);

        assertThat(rebuildSchemas()).isEmpty();
        assertThat(replay.checksums("all")).isEqualTo(before);
        // the live processors never stopped: a new purchase still reaches the live tables
        Conversations org = new Conversations(replay.admin, 7);
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));
        assertThat(jdbc.queryForObject("SELECT balance FROM wallets WHERE organization_id = ?", Long.class,
                org.organizationId)).isEqualTo(7L);
    }

    @Test
    @Order(5)
    void theCommandLineRebuildsAndReportsItsOutcome() throws Exception {
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));
        Map<String, String> before = replay.checksums("crm-contacts");
        assertThat(ReplayCommandLine.requested("--spring.profiles.active=x", "--replay=crm-contacts")).isTrue();
        assertThat(ReplayCommandLine.requested("--server.port=0")).isFalse();

        assertThat(commandLine.execute(List.of("crm-contacts"))).isZero();
        assertThat(replay.status("crm-contacts").body().path("state").asText()).isEqualTo("completed");
        assertThat(replay.checksums("crm-contacts")).isEqualTo(before);
        assertThat(commandLine.execute(List.of("no-such-projection"))).isEqualTo(2);
        assertThat(new AdminClient("http://localhost:" + port, "not-the-key").post("/admin/replay/all", Map.of())
                .status()).as("the admin key guards rebuilds").isEqualTo(401);
        assertThat(replay.start("no-such-projection").status()).isEqualTo(400);
    }

    @Test
    @Order(6)
    @SuppressWarnings("unchecked")
    void aConversationWithTenThousandMessagesLoadsFromASnapshot() throws Exception {
        String conversation = "conversation-snapshot-" + UUID.randomUUID();
        String organization = "org-snapshot";
        String contact = phone();
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        StoredHistory history = new StoredHistory(jdbc, eventSerializer).add("Conversation", conversation, 0,
                new ConversationStarted(conversation, "session-1", organization, TestContacts.id(contact), contact, "Snap", at,
                        Duration.ofDays(3650)), at);
        for (int i = 1; i <= 10_000; i++) {
            history.add("Conversation", conversation, i, new MessageReceived(conversation, "session-1", organization,
                    TestContacts.id(contact),
                    contact, "m-" + i, at.plusSeconds(i), new MessageContent.Text("message " + i), null, "Snap"),
                    at.plusSeconds(i));
        }
        history.append();
        assertThat(snapshotSequence(conversation)).isNull();

        Repository<Conversation> repository = axon.repository(Conversation.class);
        long fromEvents = timeToLoad(repository, conversation);
        assertThat(snapshotSequence(conversation)).as("a snapshot is taken after the long load").isEqualTo(10_000L);

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents(conversation).asStream().toList();
        assertThat(read).as("loading reads the snapshot and nothing else").hasSize(1);
        assertThat(read.get(0).getPayload()).isInstanceOf(Conversation.class);
        Conversation restored = (Conversation) read.get(0).getPayload();
        assertThat(field(restored, "contactPhone")).isEqualTo(contact);
        assertThat((Collection<Object>) field(restored, "recentMessageIds")).hasSize(500).contains("m-10000")
                .doesNotContain("m-9500");
        long fromSnapshot = timeToLoad(repository, conversation);
        System.out.printf("SNAPSHOT-FIGURES 10,000 messages: %d ms from events, %d ms from the snapshot%n",
                fromEvents / 1_000_000, fromSnapshot / 1_000_000);
        assertThat(fromSnapshot).isLessThan(fromEvents);
    }

    @Test
    @Order(7)
    void aWalletIsSnapshottedAfterTheThresholdAndLoadsFromIt() throws Exception {
        String wallet = bulkPurchases(150);
        Repository<Wallet> repository = axon.repository(Wallet.class);
        timeToLoad(repository, wallet);
        assertThat(snapshotSequence(wallet)).isEqualTo(150L);
        AtomicReference<Long> balance = new AtomicReference<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(wallet).execute(w -> balance.set(w.balance())));
        assertThat(balance.get()).isEqualTo(150L);
        assertThat(eventStore.readEvents(wallet).asStream().count()).isEqualTo(1);
    }

    private static <T> long timeToLoad(Repository<T> repository, String id) {
        long started = System.nanoTime();
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(id));
        return System.nanoTime() - started;
    }

    private Long snapshotSequence(String aggregate) {
        return jdbc.query("SELECT max(sequencenumber) FROM snapshotevententry WHERE aggregateidentifier = ?",
                rs -> rs.next() ? (Long) rs.getObject(1) : null, aggregate);
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    /** A wallet with one creation and {@code purchases} purchases of one token, appended in bulk; its id. */
    private String bulkPurchases(int purchases) {
        String organization = "org-bulk-" + UUID.randomUUID().toString().substring(0, 8);
        String wallet = WalletId.forOrganization(organization);
        Instant at = Instant.parse("2025-06-01T00:00:00Z");
        StoredHistory history = new StoredHistory(jdbc, eventSerializer)
                .add("Wallet", wallet, 0, new WalletCreated(wallet, organization, 0), at);
        for (int i = 1; i <= purchases; i++) {
            history.add("Wallet", wallet, i, new TokensPurchased(wallet, organization, "bulk-" + i, 1, i),
                    at.plusMillis(i));
        }
        history.append();
        return wallet;
    }

    private Map<String, Set<String>> indexNames() {
        Map<String, Set<String>> names = new java.util.TreeMap<>();
        for (String table : ReadTables.ALL) {
            names.put(table, new java.util.TreeSet<>(jdbc.queryForList(
                    "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = ?", String.class,
                    table)));
        }
        return names;
    }

    private List<String> rebuildSchemas() {
        return jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'", String.class);
    }
}
