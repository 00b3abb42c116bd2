package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Replaces a member's roles with exactly these. */
public record ChangeRoles(@TargetAggregateIdentifier String teamId, String userId, Set<StaffRole> roles) {
}
