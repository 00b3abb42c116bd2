package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A visitor shared their contact with an exhibitor, after saying yes to it. The phone and name are sealed with the
 * contact's key: erasing the contact makes them unreadable here.
 */
@Revision("1")
public record LeadCaptured(String leadId, String exhibitorId, String organizationId, String eventId,
                           @DataSubject String contactId, @PersonalData String contactPhone,
                           @PersonalData String contactName, String conversationId, Instant at) implements LeadEvent {
}
