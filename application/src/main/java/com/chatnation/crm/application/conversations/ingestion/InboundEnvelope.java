package com.chatnation.crm.application.conversations.ingestion;

import java.time.Instant;

/**
 * One accepted webhook item (a message, a status or an error), as it waits to be processed. Items with the
 * same {@code orderingKey} (organization and contact) are processed one at a time, in the order accepted.
 *
 * @param envelopeId     unique per accepted item; a redelivered webhook produces new envelopes, and the
 *                       domain's own idempotency (message ids, status order) makes processing them harmless
 * @param organizationId the organization the item was routed to by its phone number id
 * @param orderingKey    {@code organizationId + ":" + contact}; also the Kafka record key
 * @param kind           {@code message}, {@code status} or {@code error}
 * @param dedupeId       the WhatsApp message id (for statuses: message id + status), for logs and metrics
 * @param item           the parsed item as JSON (see {@link InboundItemCodec})
 * @param acceptedAt     when the webhook accepted it
 */
public record InboundEnvelope(String envelopeId, String organizationId, String orderingKey, String kind,
                              String dedupeId, byte[] item, Instant acceptedAt) {
}
