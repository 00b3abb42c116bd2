package com.chatnation.crm.application.kafka;

/**
 * Some accepted items could not be written to Kafka in time. Nothing about which items did make it is promised,
 * so the webhook answers with a server error and Meta delivers the whole notification again; items written twice
 * are harmless (see {@link com.chatnation.crm.application.conversations.ingestion.InboundEnvelope}).
 */
public class KafkaEnqueueException extends RuntimeException {

    public KafkaEnqueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
