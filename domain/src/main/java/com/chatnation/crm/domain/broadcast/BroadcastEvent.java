package com.chatnation.crm.domain.broadcast;

/** Every event of a broadcast names it and its organization. */
public interface BroadcastEvent {

    String broadcastId();

    String organizationId();
}
