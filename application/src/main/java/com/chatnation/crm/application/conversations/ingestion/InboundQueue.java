package com.chatnation.crm.application.conversations.ingestion;

import java.util.List;

/**
 * Where the webhook puts accepted items. {@link #enqueue} returns only once they are durable (a Kafka write
 * acknowledged by all in-sync replicas, or a committed PostgreSQL inbox row), because the webhook answers 200
 * right after, and Meta will not send them again.
 */
public interface InboundQueue {

    void enqueue(List<InboundEnvelope> envelopes);
}
