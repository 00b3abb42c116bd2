package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The invitee presents the hash of the token they received. */
public record AcceptInvitation(@TargetAggregateIdentifier String teamId, String userId, String invitationTokenHash,
                               Instant acceptedAt) {
}
