package com.chatnation.crm.domain.broadcast;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BroadcastCancelled(String broadcastId, String organizationId, BroadcastStatus cancelledWhile,
                                 String reason) implements BroadcastEvent {
}
