package com.chatnation.crm.domain.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts the organization on hold, for example for an unpaid bill or abuse; the reason is optional. */
public record SuspendOrganization(@TargetAggregateIdentifier String organizationId, String reason) {
}
