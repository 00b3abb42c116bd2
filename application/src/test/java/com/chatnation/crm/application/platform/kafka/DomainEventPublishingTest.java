package com.chatnation.crm.application.platform.kafka;

import com.chatnation.crm.application.conversations.ingestion.kafka.KafkaInboundTest;
import static com.chatnation.crm.application.conversations.ingestion.kafka.KafkaInboundTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.chatnation.crm.domain.wallet.TokenDebited;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** How domain events become records on the domain events topic. */
class DomainEventPublishingTest {

    /** Configured as Spring Boot configures the application's mapper. */
    private static final ObjectMapper SPRING_JSON = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07.123Z");

    /** An event with neither a revision nor an organization. */
    record Pinged(String id, Instant at) {
    }

    /** Records written with {@link #SPRING_JSON} through {@code producer}; no topic is ever created. */
    private static DomainEventRecords records(MockProducer<String, byte[]> producer) {
        return new DomainEventRecords(SPRING_JSON, new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)),
                null, null);
    }

    private static MockProducer<String, byte[]> mockProducer() {
        return new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void mapsAnAggregateEventToARecordKeyedByAggregateWithJsonValueAndHeaders() throws Exception {
        DomainEventRecords records = records(mockProducer());

        ProducerRecord<String, byte[]> record = records.toRecord("crm.domain-events", tokenDebited("wallet-7", 42));

        assertThat(record.topic()).isEqualTo("crm.domain-events");
        assertThat(record.key()).isEqualTo("wallet-7");
        JsonNode value = SPRING_JSON.readTree(record.value());
        assertThat(value.get("walletId").asText()).isEqualTo("wallet-7");
        assertThat(value.get("organizationId").asText()).isEqualTo("org-9");
        assertThat(value.get("amount").asLong()).isEqualTo(3);
        assertThat(value.get("balanceAfter").asLong()).isEqualTo(97);
        assertThat(headers(record)).containsExactlyInAnyOrderEntriesOf(Map.of(
                DomainEventRecords.EVENT_TYPE, "TokenDebited",
                DomainEventRecords.EVENT_REVISION, "2",
                DomainEventRecords.ORGANIZATION_ID, "org-9",
                DomainEventRecords.TIMESTAMP, "2026-03-04T05:06:07.123Z",
                DomainEventRecords.EVENT_ID, "event-42",
                DomainEventRecords.AGGREGATE_TYPE, "Wallet",
                DomainEventRecords.AGGREGATE_SEQUENCE, "42"));
    }

    @Test
    void anEventWithoutAggregateRevisionOrOrganizationIsKeyedByItsIdWithDefaults() throws Exception {
        DomainEventRecords records = records(mockProducer());
        GenericEventMessage<Pinged> event = new GenericEventMessage<>(new Pinged("p-1", AT));

        ProducerRecord<String, byte[]> record = records.toRecord("events", event);

        assertThat(record.key()).isEqualTo(event.getIdentifier());
        assertThat(SPRING_JSON.readTree(record.value()).get("at").asText())
                .as("instants as ISO-8601, as Spring's mapper writes them").isEqualTo("2026-03-04T05:06:07.123Z");
        Map<String, String> headers = headers(record);
        assertThat(headers).containsEntry(DomainEventRecords.EVENT_TYPE, "Pinged")
                .containsEntry(DomainEventRecords.EVENT_REVISION, "1")
                .containsEntry(DomainEventRecords.EVENT_ID, event.getIdentifier())
                .doesNotContainKeys(DomainEventRecords.ORGANIZATION_ID, DomainEventRecords.AGGREGATE_SEQUENCE);
    }

    @Test
    void theAxonHandlerPublishesLiveEventsButNotReplayedOnes() throws Exception {
        MockProducer<String, byte[]> producer = mockProducer();
        DomainEventPublisher publisher = new DomainEventPublisher(records(producer), "events");
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(publisher);
        assertThat(DomainEventPublisher.class.getAnnotation(ProcessingGroup.class).value())
                .isEqualTo("kafka-domain-events");

        TrackingToken live = new GlobalSequenceTrackingToken(5);
        adapter.handle(new GenericTrackedDomainEventMessage<>(live, tokenDebited("wallet-1", 1)));
        TrackingToken replaying = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10),
                new GlobalSequenceTrackingToken(3));
        adapter.handle(new GenericTrackedDomainEventMessage<>(replaying, tokenDebited("wallet-1", 2)));

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("events");
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("wallet-1");
        assertThat(headers(producer.history().get(0))).containsEntry(DomainEventRecords.AGGREGATE_SEQUENCE, "1");
    }

    @Test
    void publishesToTheBrokerWhereAConsumerReadsTheEventBack() throws Exception {
        String topic = SharedKafka.uniqueTopic("domain-events");
        SharedKafka.createTopics(2, topic);
        KafkaTemplate<String, byte[]> template = SharedKafka.template();
        try {
            DomainEventPublisher publisher = new DomainEventPublisher(
                    new DomainEventRecords(SPRING_JSON, template, null, null), topic);
            new AnnotationEventHandlerAdapter(publisher).handle(tokenDebited("wallet-3", 0));
            new AnnotationEventHandlerAdapter(publisher).handle(tokenDebited("wallet-3", 1));
        } finally {
            template.getProducerFactory().reset();
        }

        List<ConsumerRecord<String, byte[]>> read = SharedKafka.readAll(topic, 2, Duration.ofSeconds(30));

        assertThat(read).hasSize(2);
        assertThat(read).extracting(ConsumerRecord::key).containsOnly("wallet-3");
        assertThat(read).extracting(ConsumerRecord::partition).as("one aggregate, one partition").hasSize(2)
                .containsOnly(read.get(0).partition());
        assertThat(read).extracting(r -> header(r, DomainEventRecords.AGGREGATE_SEQUENCE)).containsExactly("0", "1");
        ConsumerRecord<String, byte[]> first = read.get(0);
        assertThat(header(first, DomainEventRecords.EVENT_TYPE)).isEqualTo("TokenDebited");
        assertThat(header(first, DomainEventRecords.ORGANIZATION_ID)).isEqualTo("org-9");
        assertThat(header(first, DomainEventRecords.EVENT_ID)).isEqualTo("event-0");
        TokenDebited payload = SPRING_JSON.readValue(first.value(), TokenDebited.class);
        assertThat(payload).isEqualTo(new TokenDebited("wallet-3", "org-9", "messaging", "reply", "ref-1", 3, 97));
    }

    private static GenericDomainEventMessage<TokenDebited> tokenDebited(String walletId, long sequence) {
        return new GenericDomainEventMessage<>("Wallet", walletId, sequence,
                new TokenDebited(walletId, "org-9", "messaging", "reply", "ref-1", 3, 97), Map.of(),
                "event-" + sequence, AT);
    }

    private static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }
}
