package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.common.PhoneNumber;

/**
 * A contact has one conversation stream per organization, so its aggregate identifier is derived from both:
 * no lookup is needed to route a message, and two instances can never create two streams for one contact.
 * Each period of activity inside the stream is a session with its own id (a row of the conversations table).
 */
public final class ConversationId {

    private ConversationId() {
    }

    public static String of(String organizationId, PhoneNumber contact) {
        return "conversation-" + organizationId + "-" + contact.e164().substring(1);
    }
}
