package com.chatnation.crm.domain.broadcast;

/** A recipient's stream: one per broadcast and contact (opaque contact id), so a contact is sent to once. */
public final class BroadcastRecipientId {

    private BroadcastRecipientId() {
    }

    public static String of(String broadcastId, String contactId) {
        return "broadcast-recipient-" + broadcastId + "-" + contactId;
    }
}
