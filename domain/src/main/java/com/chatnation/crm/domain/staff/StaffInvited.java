package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Set;

/** Someone was invited; they are a member in state invited until they accept. Only the token's hash is kept. */
@Revision("1")
public record StaffInvited(String teamId, String organizationId, String userId, String email, String phone,
                           String displayName, Set<StaffRole> roles, String invitationTokenHash, Instant invitedAt,
                           Instant expiresAt) implements TeamEvent {
}
