package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A visitor agreed to share their contact with an exhibitor at its booth. {@code leadId} is {@link Lead#idOf}; the
 * caller took the exhibitor and its event from the exhibitor catalog. {@code contactName} may be null.
 */
public record CaptureLead(@TargetAggregateIdentifier String leadId, String exhibitorId, String organizationId,
                          String eventId, @DataSubject String contactId, @PersonalData String contactPhone,
                          @PersonalData String contactName, String conversationId, Instant at) {
}
