package com.chatnation.crm.domain.hypecard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The card was drawn and kept: {@code imageKey} names the PNG in the media store. */
public record RecordCardGenerated(@TargetAggregateIdentifier String cardId, String imageKey, long sizeBytes,
                                  String sha256, Instant at) {
}
