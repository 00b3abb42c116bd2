package com.chatnation.crm.domain.contact;

/**
 * A contact's profile (tags, attributes, consent) is a stream of its own beside the conversation: the conversation
 * is busy with every message, and an imported contact may never have written. Named by the organization and the
 * contact's opaque id, never the phone number.
 */
public final class ContactProfileId {

    private ContactProfileId() {
    }

    public static String of(String organizationId, String contactId) {
        return "contact-profile-" + organizationId + "-" + contactId;
    }
}
