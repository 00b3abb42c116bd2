package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sending begins: the audience was resolved to {@code recipients} contacts (after suppression) and the wallet
 * reserved {@code tokensReserved} for them under {@code reservationId}.
 */
public record StartBroadcast(@TargetAggregateIdentifier String broadcastId, int recipients, int suppressed,
                             String reservationId, long tokensReserved) {
}
