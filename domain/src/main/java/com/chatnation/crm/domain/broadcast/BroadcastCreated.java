package com.chatnation.crm.domain.broadcast;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BroadcastCreated(String broadcastId, String organizationId, String name, BroadcastTemplate template,
                               String audienceId, String callbackData) implements BroadcastEvent {
}
