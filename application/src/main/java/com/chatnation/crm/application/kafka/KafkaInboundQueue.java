package com.chatnation.crm.application.kafka;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelope;
import com.chatnation.crm.application.conversations.ingestion.InboundQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes accepted webhook items to the inbound topic, one record per envelope: key the envelope's ordering key
 * (so one contact's items share a partition and keep their order), value {@link InboundEnvelopeJson}, and headers
 * {@value #KIND_HEADER}, {@value #ORGANIZATION_HEADER} and {@value #ENVELOPE_HEADER}.
 *
 * <p>{@link #enqueue} returns only when every record is acknowledged by all in-sync replicas ({@code acks=all},
 * idempotent producer) and throws {@link KafkaEnqueueException} when any write fails or the send timeout passes.
 * Thread-safe; the producer may be shared.
 */
public class KafkaInboundQueue implements InboundQueue, AutoCloseable {

    public static final String KIND_HEADER = "kind";
    public static final String ORGANIZATION_HEADER = "organization-id";
    public static final String ENVELOPE_HEADER = "envelope-id";

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration sendTimeout;
    private final boolean ownsProducer;

    /** Uses a producer owned by the caller (closing this queue leaves it open). */
    public KafkaInboundQueue(Producer<String, byte[]> producer, String topic, Duration sendTimeout) {
        this(producer, topic, sendTimeout, false);
    }

    private KafkaInboundQueue(Producer<String, byte[]> producer, String topic, Duration sendTimeout,
                              boolean ownsProducer) {
        this.producer = producer;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
        this.ownsProducer = ownsProducer;
    }

    /**
     * A queue with its own producer ({@link KafkaClients#producer}); {@code extra} holds additional client
     * properties, which may override the defaults.
     */
    public static KafkaInboundQueue create(String bootstrapServers, Map<String, ?> extra, String topic,
                                           Duration sendTimeout) {
        return new KafkaInboundQueue(new KafkaProducer<>(KafkaClients.producer(bootstrapServers, extra, sendTimeout)),
                topic, sendTimeout, true);
    }

    public String topic() {
        return topic;
    }

    @Override
    public void enqueue(List<InboundEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        List<Future<RecordMetadata>> acks = new ArrayList<>(envelopes.size());
        try {
            for (InboundEnvelope envelope : envelopes) {
                acks.add(producer.send(record(envelope)));
            }
            for (int i = 0; i < acks.size(); i++) {
                long left = Math.max(0, deadline - System.nanoTime());
                acks.get(i).get(left, TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw failed(envelopes, e.getCause());
        } catch (TimeoutException e) {
            throw failed(envelopes, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(envelopes, e);
        } catch (RuntimeException e) {
            throw failed(envelopes, e);
        }
    }

    ProducerRecord<String, byte[]> record(InboundEnvelope envelope) {
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

    private KafkaEnqueueException failed(List<InboundEnvelope> envelopes, Throwable cause) {
        return new KafkaEnqueueException("could not write " + envelopes.size() + " inbound item(s) to Kafka topic "
                + topic + ": " + cause, cause);
    }

    @Override
    public void close() {
        if (ownsProducer) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
