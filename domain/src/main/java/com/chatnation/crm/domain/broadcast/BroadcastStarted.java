package com.chatnation.crm.domain.broadcast;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BroadcastStarted(String broadcastId, String organizationId, int recipients, int suppressed,
                               String reservationId, long tokensReserved) implements BroadcastEvent {
}
