package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a member's access for good; for an invitee not yet joined it cancels the invitation. */
public record DeactivateStaff(@TargetAggregateIdentifier String teamId, String userId) {
}
