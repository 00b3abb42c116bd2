package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** WhatsApp reported a reply's delivery status. */
public record RecordDeliveryStatus(@TargetAggregateIdentifier String conversationId, String replyId,
                                   String whatsappMessageId, DeliveryStatus status, Instant at, Integer errorCode,
                                   String errorTitle) {
}
