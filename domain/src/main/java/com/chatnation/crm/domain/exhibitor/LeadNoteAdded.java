package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** What the visitor wrote: sealed with the contact's key like their number. */
@Revision("1")
public record LeadNoteAdded(String leadId, String exhibitorId, String organizationId, @DataSubject String contactId,
                            @PersonalData String note, Instant at) implements LeadEvent {
}
