package com.chatnation.crm.domain.conversation;

/** Every conversation event names its stream, session, organization and contact, so read models need no lookups. */
public interface ConversationEvent {

    String conversationId();

    String sessionId();

    String organizationId();

    /** The contact's opaque id (see {@link ConversationId}). */
    String contactId();
}
