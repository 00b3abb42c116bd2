package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Leaves a queued recipient out, decided at send time: {@code opted_out} (marketing), {@code no_consent},
 * {@code invalid_number}, {@code duplicate_number}, {@code cancelled} (the broadcast was cancelled first).
 */
public record SuppressRecipient(@TargetAggregateIdentifier String recipientId, String reason) {
}
