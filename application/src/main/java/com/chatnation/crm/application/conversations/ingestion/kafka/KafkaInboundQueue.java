package com.chatnation.crm.application.conversations.ingestion.kafka;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelope;
import com.chatnation.crm.application.conversations.ingestion.InboundQueue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Writes accepted webhook items to the inbound topic, one record per envelope: key the envelope's ordering key
 * (so one contact's items share a partition and keep their order), value {@link InboundEnvelopeJson}, and headers
 * {@value #KIND_HEADER}, {@value #ORGANIZATION_HEADER} and {@value #ENVELOPE_HEADER}.
 *
 * <p>{@link #enqueue} returns only when every record is acknowledged by all in-sync replicas (the producer's
 * {@code acks=all}) and throws a {@link KafkaException} naming the topic when any write fails; the producer's
 * {@code delivery.timeout.ms} bounds the wait. Nothing is promised about which items made it, so the webhook answers
 * with a server error and Meta delivers the notification again (items written twice are harmless).
 */
public class KafkaInboundQueue implements InboundQueue {

    public static final String KIND_HEADER = "kind";
    public static final String ORGANIZATION_HEADER = "organization-id";
    public static final String ENVELOPE_HEADER = "envelope-id";

    private final KafkaOperations<String, byte[]> kafka;
    private final String topic;

    public KafkaInboundQueue(KafkaOperations<String, byte[]> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    @Override
    public void enqueue(List<InboundEnvelope> envelopes) {
        try {
            CompletableFuture.allOf(envelopes.stream().map(envelope -> kafka.send(record(envelope)))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new KafkaException("could not write " + envelopes.size() + " inbound item(s) to Kafka topic "
                    + topic + ": " + cause, cause);
        }
    }

    private ProducerRecord<String, byte[]> record(InboundEnvelope envelope) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, KIND_HEADER, envelope.kind());
        header(headers, ORGANIZATION_HEADER, envelope.organizationId());
        header(headers, ENVELOPE_HEADER, envelope.envelopeId());
        return new ProducerRecord<>(topic, null, envelope.orderingKey(), InboundEnvelopeJson.encode(envelope), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
