package com.chatnation.crm.domain.contact;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Marketing consent as given over the API or by an import, with its source and the time it was given. */
@Revision("1")
public record ContactConsentRecorded(String profileId, String organizationId, String contactId, ConsentStatus status,
                                     ConsentSource source, Instant recordedAt)
        implements ContactProfileEvent {
}
