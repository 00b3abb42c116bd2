package com.chatnation.crm.domain.hypecard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The card could not be drawn ({@code reason}: {@code photo_lost}, {@code template_gone}, {@code render_failed}). */
public record RecordCardFailed(@TargetAggregateIdentifier String cardId, String reason, Instant at) {
}
