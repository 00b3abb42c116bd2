package com.chatnation.crm.domain.exhibitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Lets a member of the organization's team (its user id) read this exhibitor's leads: the people a company brings
 * to its booth. The caller checks that the user is a member of the organization.
 */
public record AssignExhibitorStaff(@TargetAggregateIdentifier String exhibitorId, String organizationId,
                                   String userId, Instant at) {
}
