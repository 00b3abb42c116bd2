package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A pending invitation got a new token and expiry; only the latest token is accepted. */
@Revision("1")
public record InvitationReissued(String teamId, String organizationId, String userId, String invitationTokenHash,
                                 Instant invitedAt, Instant expiresAt) implements TeamEvent {
}
