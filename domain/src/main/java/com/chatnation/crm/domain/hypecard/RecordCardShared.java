package com.chatnation.crm.domain.hypecard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A visitor of the card's public page shared it ({@code channel}: {@code whatsapp}, {@code copy}, ...). The page
 * counts one share per visitor and day before it asks, so the stream grows with people, not clicks.
 */
public record RecordCardShared(@TargetAggregateIdentifier String cardId, String channel, Instant at) {
}
