package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The lead moved from {@code previous} to {@code stage}. */
@Revision("1")
public record LeadStageChanged(String leadId, String exhibitorId, String organizationId, @DataSubject String contactId,
                               LeadStage stage, LeadStage previous, String movedBy, Instant at) implements LeadEvent {
}
