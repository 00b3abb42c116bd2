package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A file the contact sent was copied from WhatsApp into the service's media store. */
public record RecordMediaStored(@TargetAggregateIdentifier String conversationId, String messageId, String mediaId,
                                String storageKey, String mimeType, long sizeBytes, String sha256,
                                java.time.Instant storedAt) {
}
