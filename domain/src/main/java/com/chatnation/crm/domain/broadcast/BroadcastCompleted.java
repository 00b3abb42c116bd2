package com.chatnation.crm.domain.broadcast;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BroadcastCompleted(String broadcastId, String organizationId, int sent, int failed,
                                 long tokensCaptured, long tokensReleased) implements BroadcastEvent {
}
