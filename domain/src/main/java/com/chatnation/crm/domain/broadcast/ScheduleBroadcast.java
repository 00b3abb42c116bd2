package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sends the broadcast at {@code sendAt}, which must be after {@code now}; a later schedule replaces an earlier one. */
public record ScheduleBroadcast(@TargetAggregateIdentifier String broadcastId, String organizationId, Instant sendAt,
                                Instant now) {
}
