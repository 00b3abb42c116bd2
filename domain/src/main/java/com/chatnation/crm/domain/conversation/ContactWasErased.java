package com.chatnation.crm.domain.conversation;

/**
 * A message reached the conversation of a contact erased a moment before. Not a rule violation but a race: by the
 * time the message is handled again the contact directory no longer knows the number, and it starts a new contact.
 */
public class ContactWasErased extends RuntimeException {

    public ContactWasErased(String conversationId) {
        super("the contact of " + conversationId + " was erased while a message of theirs was on its way");
    }
}
