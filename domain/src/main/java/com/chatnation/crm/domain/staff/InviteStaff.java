package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/**
 * Invites someone to the team by e-mail, phone or both. Only the hash of the invitation token travels here;
 * the token itself goes to the invitee alone.
 */
public record InviteStaff(@TargetAggregateIdentifier String teamId, String userId, String email, String phone,
                          String displayName, Set<StaffRole> roles, String invitationTokenHash, Instant invitedAt,
                          Instant expiresAt) {
}
