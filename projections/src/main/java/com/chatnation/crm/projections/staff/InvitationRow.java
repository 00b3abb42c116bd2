package com.chatnation.crm.projections.staff;

import java.time.Instant;

/** A member's latest invitation; {@code acceptedAt} is null while it is pending. */
public record InvitationRow(String userId, String organizationId, String tokenHash, Instant expiresAt,
                            Instant acceptedAt) {
}
