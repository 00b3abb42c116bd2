package com.chatnation.crm.domain.conversation;


/**
 * A contact has one conversation stream per organization. Its identifier is built from the organization and the
 * contact's opaque id (never the phone number: identifiers stay in the log after the contact is erased), which the
 * contact directory hands out once per organization and phone number.
 * Each period of activity inside the stream is a session with its own id (a row of the conversations table).
 */
public final class ConversationId {

    private ConversationId() {
    }

    public static String of(String organizationId, String contactId) {
        return "conversation-" + organizationId + "-" + contactId;
    }

    /** The contact id inside a conversation id {@link #of} built; null for an id of another shape. */
    public static String contactIdOf(String conversationId, String organizationId) {
        String prefix = "conversation-" + organizationId + "-";
        return conversationId != null && conversationId.startsWith(prefix) && conversationId.length() > prefix.length()
                ? conversationId.substring(prefix.length()) : null;
    }
}
