package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * WhatsApp accepted the template message ({@code wamid}); {@code tokensCaptured} of the reservation pay for it at
 * the price of the template's {@code category}.
 */
public record MarkRecipientSent(@TargetAggregateIdentifier String recipientId, String whatsappMessageId,
                                long tokensCaptured, String category, Instant at) {
}
