package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Every recipient was sent to or ended otherwise; what the reservation captured and released must add up to what
 * it reserved, to the token.
 */
public record CompleteBroadcast(@TargetAggregateIdentifier String broadcastId, int sent, int failed,
                                long tokensCaptured, long tokensReleased) {
}
