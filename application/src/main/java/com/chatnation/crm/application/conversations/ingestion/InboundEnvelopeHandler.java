package com.chatnation.crm.application.conversations.ingestion;

/**
 * Turns one accepted item into commands. Queues call it one envelope at a time per ordering key and treat a
 * normal return as "done"; an exception means "not done" and the queue retries or dead-letters it.
 */
public interface InboundEnvelopeHandler {

    void handle(InboundEnvelope envelope) throws Exception;
}
