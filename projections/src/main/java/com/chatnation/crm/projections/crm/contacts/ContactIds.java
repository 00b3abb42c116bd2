package com.chatnation.crm.projections.crm.contacts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Contact ids in read tables. Events name a contact by the opaque id the contact directory handed out (a random
 * UUID); events written before there was a directory named the phone number, and are read with the id the read
 * tables gave those contacts then: a name-based UUID of organization and number ({@link #legacy}).
 */
public final class ContactIds {

    private ContactIds() {
    }

    /** The id of an event's contact as the read tables' {@code contact_id} column holds it. */
    public static UUID of(String contactId) {
        return contactId == null ? null : UUID.fromString(contactId);
    }

    /** The id contacts had before the directory: only for reading history written then. */
    public static UUID legacy(String organizationId, String phone) {
        return UUID.nameUUIDFromBytes(("contact:" + organizationId + ":" + phone).getBytes(StandardCharsets.UTF_8));
    }
}
