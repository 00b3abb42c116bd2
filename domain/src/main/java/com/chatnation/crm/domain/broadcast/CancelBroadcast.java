package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops a broadcast: nothing more is sent; what was sent stays sent. */
public record CancelBroadcast(@TargetAggregateIdentifier String broadcastId, String organizationId, String reason) {
}
