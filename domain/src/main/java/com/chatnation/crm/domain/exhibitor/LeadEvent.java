package com.chatnation.crm.domain.exhibitor;

/** Every event of a lead's stream names the lead, its exhibitor, organization and contact. */
public interface LeadEvent {

    String leadId();

    String exhibitorId();

    String organizationId();

    String contactId();
}
