package com.chatnation.crm.domain.broadcast;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record BroadcastScheduled(String broadcastId, String organizationId, Instant sendAt) implements BroadcastEvent {
}
