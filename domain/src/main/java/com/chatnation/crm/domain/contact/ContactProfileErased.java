package com.chatnation.crm.domain.contact;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The contact was erased. Read models delete the profile's rows; the contact may never have written, so this is
 * recorded here as well as the conversation's {@code ContactErased}.
 */
@Revision("1")
public record ContactProfileErased(String profileId, String organizationId, String contactId, Instant erasedAt)
        implements ContactProfileEvent {
}
