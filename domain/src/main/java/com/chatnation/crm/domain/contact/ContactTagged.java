package com.chatnation.crm.domain.contact;

import org.axonframework.serialization.Revision;

/** The contact got a tag: an organization's label, not the contact's own words, so it is not sealed. */
@Revision("1")
public record ContactTagged(String profileId, String organizationId, String contactId, String tag)
        implements ContactProfileEvent {
}
