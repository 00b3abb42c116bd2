package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.platform.privacy.EventJson;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.application.platform.kafka.DomainEventPublisher;
import com.chatnation.crm.application.platform.kafka.DomainEventRecords;
import com.chatnation.crm.application.platform.kafka.SharedKafka;
import com.chatnation.crm.application.billing.ReplyDispatcher;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.WebhookClient;
import com.chatnation.crm.domain.wallet.TokenDebited;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Republishing history to a real Kafka broker, replays that never reach WhatsApp, wallets or Kafka, and (this being
 * the service running on Kafka) an inbound record delivered again changing nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Its own context shares the test database with the cached default one; closing it afterwards keeps a second
// set of live processors from running into the tables other classes' rebuilds swap.
@DirtiesContext
class ReplayKafkaIntegrationTest {

    private static final String PREFIX = SharedKafka.uniqueTopic("replay");
    private static final String DOMAIN_TOPIC = PREFIX + ".events";
    private static final String INBOUND_TOPIC = PREFIX + ".inbound";
    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add("spring.kafka.consumer.group-id", () -> PREFIX + ".group");
        registry.add("spring.kafka.listener.concurrency", () -> "1");
        registry.add("spring.kafka.listener.poll-timeout", () -> "200ms");
        registry.add("crm.kafka.inbound-topic", () -> INBOUND_TOPIC);
        registry.add("crm.kafka.dead-letter-topic", () -> PREFIX + ".inbound.dlt");
        registry.add("crm.kafka.domain-events-topic", () -> DOMAIN_TOPIC);
        registry.add("crm.kafka.partitions", () -> "3");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventJson eventJson;

    ReplayClient replay;

    @BeforeEach
    void client() {
        replay = new ReplayClient(port);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    @Test
    void historyIsRepublishedWholeByOrganizationOrSinceAPointInTimeInAggregateOrder() throws Exception {
        Conversations first = new Conversations(replay.admin, 20);
        String contact = phone();
        first.says(contact, "hello");
        first.says(contact, "hello again");
        GRAPH.awaitSentTo(contact, 2);
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60)); // replies marked sent, debits done
        Thread.sleep(50);
        Instant between = Instant.now();
        Thread.sleep(50);
        Conversations second = new Conversations(replay.admin, 30);
        second.says(phone(), "hi");

        // one organization: exactly its events, each aggregate's in sequence order
        long firstEvents = eventsOf(first.organizationId);
        String byOrganization = SharedKafka.uniqueTopic("replay-org");
        JsonNode job = republish(Map.of("topic", byOrganization, "organizationId", first.organizationId));
        assertThat(job.path("published").asLong()).isEqualTo(firstEvents);
        List<ConsumerRecord<String, byte[]>> records = SharedKafka.readAll(byOrganization, (int) firstEvents,
                Duration.ofSeconds(30));
        assertThat(records).hasSize((int) firstEvents);
        assertThat(records).allSatisfy(r -> assertThat(header(r, DomainEventRecords.ORGANIZATION_ID))
                .isEqualTo(first.organizationId));
        assertAggregateOrder(records);
        assertThat(records).anySatisfy(r -> assertThat(header(r, DomainEventRecords.EVENT_TYPE))
                .isEqualTo(TokenDebited.class.getSimpleName()));

        // since a point in time: the second organization's events, none of the first's
        String since = SharedKafka.uniqueTopic("replay-since");
        long after = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE timestamp >= ?", Long.class,
                between.toString());
        JsonNode sinceJob = republish(Map.of("topic", since, "from", between.toString()));
        assertThat(sinceJob.path("published").asLong()).isEqualTo(after);
        List<ConsumerRecord<String, byte[]>> recent = SharedKafka.readAll(since, (int) after, Duration.ofSeconds(30));
        assertThat(recent).hasSize((int) after);
        assertThat(recent).allSatisfy(r -> assertThat(Instant.parse(header(r, DomainEventRecords.TIMESTAMP)))
                .isAfterOrEqualTo(between));
        assertThat(recent).anySatisfy(r -> assertThat(header(r, DomainEventRecords.ORGANIZATION_ID))
                .isEqualTo(second.organizationId));
        assertThat(recent).noneSatisfy(r -> assertThat(header(r, DomainEventRecords.ORGANIZATION_ID))
                .isEqualTo(first.organizationId));

        // everything: every stored event
        long all = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        String everything = SharedKafka.uniqueTopic("replay-all");
        JsonNode allJob = republish(Map.of("topic", everything));
        assertThat(allJob.path("published").asLong()).isGreaterThanOrEqualTo(all);
        List<ConsumerRecord<String, byte[]>> every = SharedKafka.readAll(everything, (int) all, Duration.ofSeconds(30));
        assertThat(every).hasSizeGreaterThanOrEqualTo((int) all);
        assertAggregateOrder(every);
    }

    @Test
    void aContactsPersonalDataIsSealedOnTheTopicAndUnreadableOnceErased() throws Exception {
        Conversations org = new Conversations(replay.admin, 20);
        String contact = phone();
        String words = "okapi" + UUID.randomUUID().toString().substring(0, 8);
        org.says(contact, "hello " + words);
        GRAPH.awaitSentTo(contact, 1);
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));
        String topic = SharedKafka.uniqueTopic("replay-sealed");
        long events = eventsOf(org.organizationId);
        republish(Map.of("topic", topic, "organizationId", org.organizationId));
        List<ConsumerRecord<String, byte[]>> records = SharedKafka.readAll(topic, (int) events, Duration.ofSeconds(30));
        assertThat(records).hasSize((int) events);
        for (ConsumerRecord<String, byte[]> record : records) {
            String raw = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8) + record.key();
            assertThat(raw).as("record bytes").doesNotContain(contact.substring(1)).doesNotContain(words);
        }
        ConsumerRecord<String, byte[]> message = records.stream()
                .filter(r -> MessageReceived.class.getSimpleName().equals(header(r, DomainEventRecords.EVENT_TYPE)))
                .findFirst().orElseThrow();
        assertThat(eventJson.mapper().readValue(message.value(), MessageReceived.class).contactPhone())
                .as("a consumer with the keys opens it").isEqualTo(contact);

        String contactId = eventJson.mapper().readValue(message.value(), MessageReceived.class).contactId();
        assertThat(org.admin.post(org.path("/contacts/" + contactId + "/erasure"), Map.of()).status()).isEqualTo(200);

        MessageReceived shredded = eventJson.mapper().readValue(message.value(), MessageReceived.class);
        assertThat(shredded.contactPhone()).as("erased: the record already on the topic no longer opens").isNull();
        assertThat(shredded.content()).isNull();
        assertThat(shredded.messageId()).isNotNull();
    }

    @Test
    void aRebuildNeverRepliesChargesOrPublishes() throws Exception {
        Conversations org = new Conversations(replay.admin, 20);
        String contact = phone();
        org.says(contact, "hello");
        GRAPH.awaitSentTo(contact, 1);
        awaitPublisherCaughtUp();
        // this organization's events only: other test classes' services share the database and may still be busy
        String ofThisOrganization = "SELECT count(*) FROM event_log WHERE payload->>'organizationId' = ?";
        long events = jdbc.queryForObject(ofThisOrganization, Long.class, org.organizationId);
        java.util.function.Supplier<Long> publishedOfThisOrganization = () -> SharedKafka.readAll(DOMAIN_TOPIC,
                Integer.MAX_VALUE, Duration.ofSeconds(3)).stream().filter(record -> new String(record.value(),
                java.nio.charset.StandardCharsets.UTF_8).contains(org.organizationId)).count();
        long published = publishedOfThisOrganization.get();
        assertThat(published).as("the publisher is live").isPositive();
        int sent = GRAPH.sentTo(contact).size();

        // the wallets' history holds every purchase, debit and refund the reply dispatcher reacts to
        assertThat(replay.start("crm-wallets").status()).isEqualTo(202);
        assertThat(replay.awaitFinished("crm-wallets", Duration.ofMinutes(2)).path("state").asText())
                .isEqualTo("completed");
        Thread.sleep(1_000);

        assertThat(jdbc.queryForObject(ofThisOrganization, Long.class, org.organizationId))
                .as("no debits, reply or hold commands").isEqualTo(events);
        assertThat(GRAPH.sentTo(contact)).as("no WhatsApp replies").hasSize(sent);
        assertThat(publishedOfThisOrganization.get()).as("nothing published again").isEqualTo(published);

        // the side-effect processors cannot be reset into a replay, nor rebuilt
        for (String group : List.of(ReplyDispatcher.GROUP, DomainEventPublisher.GROUP)) {
            StreamingEventProcessor processor = processing
                    .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElseThrow();
            assertThat(processor.supportsReset()).as(group).isFalse();
            assertThatThrownBy(processor::resetTokens).as(group).isInstanceOf(IllegalStateException.class);
            AdminClient.Response refused = replay.start(group);
            assertThat(refused.status()).as(group).isEqualTo(400);
        }
    }

    @Test
    void anInboundRecordDeliveredAgainChangesNothing() throws Exception {
        String phoneNumberId = AdminClient.randomPhoneNumberId();
        String waId = phone().substring(1);
        String messageId = "wamid.redelivered." + UUID.randomUUID();
        AdminClient.Response onboarded = replay.admin.post("/admin/organizations", Map.of("name", "Redelivery org",
                "phoneNumberId", phoneNumberId, "lowBalanceThreshold", 0,
                "owner", Map.of("email", "owner-" + UUID.randomUUID() + "@example.com", "displayName", "Owner")));
        assertThat(onboarded.status()).as(onboarded.toString()).isEqualTo(201);
        String organizationId = onboarded.text("organizationId");
        assertThat(new WebhookClient(port).postSigned(WebhookClient.text(phoneNumberId, waId, messageId, "hi"))
                .statusCode()).isEqualTo(200);
        awaitUntil(Duration.ofSeconds(45), () -> received(messageId) == 1);
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));
        long eventsBefore = eventsOf(organizationId);
        int repliesBefore = GRAPH.sentTo("+" + waId).size();

        // as after a crash between handling the record and committing its offset: the same record once more
        ConsumerRecord<String, byte[]> original = SharedKafka.readAll(INBOUND_TOPIC, Integer.MAX_VALUE,
                Duration.ofSeconds(3)).stream().filter(r -> r.key().endsWith(":" + waId)).findFirst().orElseThrow();
        KafkaTemplate<String, byte[]> template = SharedKafka.template();
        long copyOffset;
        try {
            copyOffset = template.send(new ProducerRecord<>(INBOUND_TOPIC, original.partition(), original.key(),
                    original.value(), original.headers())).get().getRecordMetadata().offset();
        } finally {
            template.getProducerFactory().reset();
        }
        awaitUntil(Duration.ofSeconds(45), () -> SharedKafka.committedOffsets(PREFIX + ".group")
                .getOrDefault(original.partition(), 0L) > copyOffset);
        LiveProcessors.awaitCaughtUp(processing, jdbc, Duration.ofSeconds(60));

        assertThat(received(messageId)).isEqualTo(1);
        assertThat(eventsOf(organizationId)).as("no event at all").isEqualTo(eventsBefore);
        assertThat(GRAPH.sentTo("+" + waId)).as("no second reply").hasSize(repliesBefore);
    }

    private int received(String messageId) {
        return jdbc.queryForObject("SELECT count(*) FROM event_log WHERE event_type = 'MessageReceived' "
                + "AND payload->>'messageId' = ?", Integer.class, messageId);
    }

    private static void awaitUntil(Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private void awaitPublisherCaughtUp() throws InterruptedException {
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        StreamingEventProcessor publisher = processing
                .eventProcessorByProcessingGroup(DomainEventPublisher.GROUP, StreamingEventProcessor.class).orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !publisher.processingStatus().values().stream()
                .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head)) {
            Thread.sleep(100);
        }
    }

    private long eventsOf(String organizationId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry "
                + "WHERE convert_from(payload, 'UTF8')::jsonb ->> 'organizationId' = ?", Long.class, organizationId);
    }

    private JsonNode republish(Map<String, Object> request) throws InterruptedException {
        AdminClient.Response started = replay.admin.post("/admin/replay/republish", request);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.text("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = started.body();
        while ("running".equals(status.path("state").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = replay.admin.get("/admin/replay/republish/" + id).body();
        }
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("completed");
        return status;
    }

    /** Within each key (aggregate), sequence numbers appear in order, without gaps, from the first one published. */
    private static void assertAggregateOrder(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<Long>> sequences = new HashMap<>();
        records.stream()
                .filter(r -> r.headers().lastHeader(DomainEventRecords.AGGREGATE_SEQUENCE) != null)
                .sorted(java.util.Comparator.comparingInt((ConsumerRecord<String, byte[]> r) -> r.partition())
                        .thenComparingLong(ConsumerRecord::offset))
                .forEach(r -> sequences.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(Long.parseLong(header(r, DomainEventRecords.AGGREGATE_SEQUENCE))));
        assertThat(sequences).isNotEmpty();
        sequences.forEach((aggregate, seen) -> {
            long first = seen.get(0);
            assertThat(seen).as(aggregate).containsExactlyElementsOf(
                    LongStream.range(first, first + seen.size()).boxed().toList());
        });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
