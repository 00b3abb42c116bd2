package com.chatnation.crm.domain.contact;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ContactUntagged(String profileId, String organizationId, String contactId, String tag)
        implements ContactProfileEvent {
}
