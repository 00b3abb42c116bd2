package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sends a pending invitation again with a new token; the earlier token stops working. */
public record ReissueInvitation(@TargetAggregateIdentifier String teamId, String userId, String invitationTokenHash,
                                Instant invitedAt, Instant expiresAt) {
}
