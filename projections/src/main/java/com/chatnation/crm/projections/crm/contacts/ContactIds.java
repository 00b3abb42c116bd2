package com.chatnation.crm.projections.crm.contacts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A contact's id is a name-based UUID of its organization and E.164 phone number, so every projection can
 * reference a contact without waiting for, or looking up, the contacts table.
 */
public final class ContactIds {

    private ContactIds() {
    }

    public static UUID of(String organizationId, String phone) {
        return UUID.nameUUIDFromBytes(("contact:" + organizationId + ":" + phone).getBytes(StandardCharsets.UTF_8));
    }
}
