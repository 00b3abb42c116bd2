package com.chatnation.crm.domain.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lifts a suspension. */
public record ResumeOrganization(@TargetAggregateIdentifier String organizationId) {
}
