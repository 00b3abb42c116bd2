package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A file the contact sent could not be kept: WhatsApp no longer had it, it was too large or of a refused type, or
 * every download attempt failed. */
public record RecordMediaLost(@TargetAggregateIdentifier String conversationId, String messageId, String mediaId,
                              String reason, java.time.Instant at) {
}
