package com.chatnation.crm.application.conversations.ingestion.kafka;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelopeHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Hands each record of the inbound topic to the {@link InboundEnvelopeHandler}. Spring Kafka's container calls it
 * one record at a time per partition ({@code spring.kafka.listener.concurrency} consumers of group
 * {@code spring.kafka.consumer.group-id}, threads {@value #ID}-N-C-1, client ids crm-inbound-N), so one contact's
 * items are handled in the order accepted; offsets are committed only for records that returned normally or were
 * dead-lettered (see {@link KafkaConfiguration}).
 */
public class KafkaInboundListener {

    public static final String ID = "crm-inbound-consumer";

    private final InboundEnvelopeHandler handler;
    private final String topic;

    public KafkaInboundListener(InboundEnvelopeHandler handler, String topic) {
        this.handler = handler;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    @KafkaListener(id = ID, idIsGroup = false, clientIdPrefix = "crm-inbound", topics = "#{__listener.topic()}")
    public void onRecord(ConsumerRecord<String, byte[]> record) throws Exception {
        handler.handle(InboundEnvelopeJson.decode(record.value()));
    }
}
