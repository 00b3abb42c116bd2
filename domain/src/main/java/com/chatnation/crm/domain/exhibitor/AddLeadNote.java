package com.chatnation.crm.domain.exhibitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** What the visitor wrote for the exhibitor, 1 to {@value Lead#MAX_NOTE_LENGTH} characters. */
public record AddLeadNote(@TargetAggregateIdentifier String leadId, String organizationId, String note,
                          Instant at) {
}
