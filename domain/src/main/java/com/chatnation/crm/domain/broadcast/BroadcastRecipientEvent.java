package com.chatnation.crm.domain.broadcast;

/** Every event of a recipient names its stream, broadcast, organization and contact. */
public interface BroadcastRecipientEvent {

    String recipientId();

    String broadcastId();

    String organizationId();

    String contactId();
}
