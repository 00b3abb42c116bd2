package com.chatnation.crm.domain.contact;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ContactAttributeRemoved(String profileId, String organizationId, String contactId, String key)
        implements ContactProfileEvent {
}
