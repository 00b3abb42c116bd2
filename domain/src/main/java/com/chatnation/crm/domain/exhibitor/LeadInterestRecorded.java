package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record LeadInterestRecorded(String leadId, String exhibitorId, String organizationId,
                                   @DataSubject String contactId, String productId, String productName, Instant at)
        implements LeadEvent {
}
