package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A visitor already a lead of the exhibitor came to its booth again and said yes again: still one lead. */
@Revision("1")
public record LeadRevisited(String leadId, String exhibitorId, String organizationId, String eventId,
                            @DataSubject String contactId, Instant at) implements LeadEvent {
}
