package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.platform.axon.AxonConfiguration;
import com.chatnation.crm.application.platform.executors.TaskExecutors;
import com.chatnation.crm.application.platform.privacy.EventJson;
import com.chatnation.crm.application.support.SharedTestDatabase;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.domain.hypecard.CardShared;
import com.chatnation.crm.domain.survey.SurveyResponseCompleted;
import com.chatnation.crm.projections.analytics.FunnelBreakdown;
import com.chatnation.crm.projections.analytics.FunnelDefinition;
import com.chatnation.crm.projections.analytics.FunnelQueries;
import com.chatnation.crm.projections.analytics.FunnelReport;
import com.chatnation.crm.projections.analytics.StepSets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step set backfilled from an event store of 100,000 events, through the service's own backfill, storage engine,
 * serializer and upcasters, on PostgreSQL. The store is a database of its own on the test server, so the shared
 * store (which every rebuild test replays) does not grow by 100,000 events; the history is scripted so that the
 * rows and the funnel are known by hand. The rate is printed, never asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepSetBackfillVolumeTest {

    private static final String DATABASE = "step_set_volume";
    private static final String ORGANIZATION = "org-volume";
    private static final String OTHER = "org-volume-other";
    private static final int CONTACTS = 2_000;
    private static final int OTHER_CONTACTS = 1_000;
    /** Delivery reports per contact of the organization, and of the other one. */
    private static final int DELIVERIES = 30;
    private static final int OTHER_DELIVERIES = 38;
    private static final int EVENTS = 100_000;

    private static final String RULES = """
            {"name": "Reply to survey to card", "steps": [
              {"key": "delivered", "events": [{"type": "ReplyDeliveryUpdated",
                "conditions": [{"path": "status", "op": "eq", "value": "delivered"}]}]},
              {"key": "read", "events": [{"type": "ReplyDeliveryUpdated",
                "conditions": [{"path": "status", "op": "eq", "value": "read"}]}]},
              {"key": "completed", "events": [{"type": "SurveyResponseCompleted"}]},
              {"key": "shared", "events": [{"type": "CardShared", "conditions": [
                {"path": "channel", "op": "in", "value": ["whatsapp", "copy_link"]}]}]}]}""";

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    EventJson eventJson;

    @Autowired
    org.axonframework.config.Configuration axon;

    @Autowired
    PersistenceExceptionResolver persistenceExceptionResolver;

    @Autowired
    JdbcTemplate shared;

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private JdbcEventStorageEngine engine;
    private ThreadPoolTaskExecutor executor;
    private final List<String> contacts = new ArrayList<>();
    private final List<String> otherContacts = new ArrayList<>();

    @BeforeAll
    void aStoreOfItsOwn() {
        shared.execute("DROP DATABASE IF EXISTS " + DATABASE);
        shared.execute("CREATE DATABASE " + DATABASE);
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setURL(SharedTestDatabase.jdbcUrl());
        target.setDatabaseName(DATABASE);
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(target.getURL());
        dataSource.setUsername(SharedTestDatabase.username());
        dataSource.setPassword(SharedTestDatabase.password());
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        engine = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(AxonConfiguration.snapshotSerializer(eventJson.mapper()))
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactions))
                .build();
        executor = TaskExecutors.singleThread("step-set-volume-", Duration.ofSeconds(5));
        executor.initialize();
    }

    @AfterAll
    void dropIt() {
        executor.shutdown();
        dataSource.close();
        shared.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void aSetDefinedOverAHundredThousandStoredEventsRecordsWhatTheHistoryHolds() throws Exception {
        Instant start = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        long appendStarted = System.nanoTime();
        appendHistory(start);
        double appendSeconds = (System.nanoTime() - appendStarted) / 1e9;
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isEqualTo(EVENTS);

        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        StepSetBackfills backfills = new StepSetBackfills(jdbc, engine, executor);
        StepSetDefinitions definitions = new StepSetDefinitions(jdbc, new TransactionTemplate(transactions),
                new StepSets(jdbc), backfills);
        long backfillStarted = System.nanoTime();
        definitions.save(ORGANIZATION, "volume", new ObjectMapper().readTree(RULES));
        StepSetBackfills.Progress progress = awaitCompletion(backfills);
        double backfillSeconds = (System.nanoTime() - backfillStarted) / 1e9;

        // worked out from the script: 2,000 contacts × 30 deliveries, every second contact read a reply, every
        // fourth completed a survey, every eighth shared a card; the other organization's 38,250 events count nothing
        assertThat(progress.error()).isNull();
        assertThat(progress.eventsTotal()).isEqualTo(EVENTS);
        assertThat(progress.eventsRead()).isEqualTo(EVENTS);
        assertThat(progress.stepsRecorded()).isEqualTo(60_000 + 1_000 + 500 + 250);
        assertThat(jdbc.queryForList("""
                        SELECT step || '=' || count(*) || '/' || count(DISTINCT contact_id) FROM custom_step_events
                        WHERE organization_id = ? AND step_set = 'volume' GROUP BY step ORDER BY step""",
                String.class, ORGANIZATION))
                .containsExactly("completed=500/500", "delivered=60000/2000", "read=1000/1000", "shared=250/250");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM custom_step_events WHERE organization_id <> ?",
                Long.class, ORGANIZATION)).isZero();

        FunnelReport funnel = new FunnelQueries(jdbc).compute(ORGANIZATION, new FunnelDefinition("volume-funnel",
                        "Volume", List.of("volume:delivered", "volume:read", "volume:completed", "volume:shared"),
                        Duration.ofDays(30), false),
                LocalDate.ofInstant(start, ZoneOffset.UTC), LocalDate.ofInstant(start, ZoneOffset.UTC).plusDays(3),
                FunnelBreakdown.NONE);
        assertThat(funnel.steps()).extracting(FunnelReport.StepFigures::entered)
                .containsExactly(2_000L, 1_000L, 500L, 250L);
        assertThat(funnel.steps().get(1).conversionPercent()).isEqualTo(50.0);

        // a second run of the same set (a changed definition) replaces the rows rather than adding to them
        definitions.save(ORGANIZATION, "volume", new ObjectMapper().readTree(RULES));
        assertThat(awaitCompletion(backfills).version()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM custom_step_events WHERE step_set = 'volume'",
                Long.class)).isEqualTo(61_750);

        System.out.printf("Step set backfill over %,d stored events: %.1f s, %,.0f events/s "
                        + "(appending them through the storage engine: %.1f s, %,.0f events/s)%n",
                EVENTS, backfillSeconds, EVENTS / backfillSeconds, appendSeconds, EVENTS / appendSeconds);
    }

    /**
     * Thirty rounds of delivery reports to every contact of both organizations, then reads, survey completions and
     * card shares, one second apart, each contact's events in that order.
     */
    private void appendHistory(Instant start) {
        for (int i = 0; i < CONTACTS; i++) {
            contacts.add(UUID.nameUUIDFromBytes(("volume-" + i).getBytes()).toString());
        }
        for (int i = 0; i < OTHER_CONTACTS; i++) {
            otherContacts.add(UUID.nameUUIDFromBytes(("volume-other-" + i).getBytes()).toString());
        }
        List<Object> payloads = new ArrayList<>(EVENTS);
        for (int round = 0; round < OTHER_DELIVERIES; round++) {
            if (round < DELIVERIES) {
                for (String contact : contacts) {
                    payloads.add(delivery(ORGANIZATION, contact, round, DeliveryStatus.DELIVERED));
                }
            }
            for (String contact : otherContacts) {
                payloads.add(delivery(OTHER, contact, round, DeliveryStatus.DELIVERED));
            }
        }
        for (int i = 0; i < CONTACTS; i += 2) {
            payloads.add(delivery(ORGANIZATION, contacts.get(i), 0, DeliveryStatus.READ));
        }
        for (int i = 0; i < OTHER_CONTACTS; i += 4) {
            payloads.add(delivery(OTHER, otherContacts.get(i), 0, DeliveryStatus.READ));
        }
        for (int i = 0; i < CONTACTS; i += 4) {
            payloads.add(new SurveyResponseCompleted("response-" + i, ORGANIZATION, "survey-1", 1, contacts.get(i),
                    5, 0.4));
        }
        for (int i = 0; i < CONTACTS; i += 8) {
            payloads.add(new CardShared("card-" + i, ORGANIZATION, "template-1", contacts.get(i),
                    i % 16 == 0 ? "whatsapp" : "copy_link", start));
        }
        assertThat(payloads).hasSize(EVENTS);
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            Object payload = payloads.get(i);
            batch.add(new GenericDomainEventMessage<>("Volume", "volume-" + i, 0, payload, Map.of(),
                    UUID.randomUUID().toString(), start.plusSeconds(i)));
            if (batch.size() == 2_000 || i == payloads.size() - 1) {
                List<EventMessage<?>> toAppend = List.copyOf(batch);
                new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                        .executeWithoutResult(status -> engine.appendEvents(toAppend));
                batch.clear();
            }
        }
    }

    private static ReplyDeliveryUpdated delivery(String organization, String contact, int round,
                                                 DeliveryStatus status) {
        return new ReplyDeliveryUpdated("conversation-" + contact, "session-" + contact, organization, contact,
                "reply-" + round + "-" + contact, "wamid." + round + "." + contact, status, Instant.EPOCH, null, null);
    }

    private StepSetBackfills.Progress awaitCompletion(StepSetBackfills backfills) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            StepSetBackfills.Progress progress = backfills.progress(ORGANIZATION, "volume").orElseThrow();
            if (!"running".equals(progress.state())) {
                assertThat(progress.state()).as(String.valueOf(progress.error())).isEqualTo("completed");
                return progress;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the backfill did not finish in 3 minutes: "
                + backfills.progress(ORGANIZATION, "volume"));
    }
}
