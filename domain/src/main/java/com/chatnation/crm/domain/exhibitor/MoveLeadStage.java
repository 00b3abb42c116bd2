package com.chatnation.crm.domain.exhibitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An exhibitor's staff member moves a lead along their follow-up; {@code movedBy} is their id. */
public record MoveLeadStage(@TargetAggregateIdentifier String leadId, String organizationId, LeadStage stage,
                            String movedBy, Instant at) {
}
