package com.chatnation.crm.domain.contact;

/** An event of a contact's profile stream. */
public interface ContactProfileEvent {

    String profileId();

    String organizationId();

    String contactId();
}
