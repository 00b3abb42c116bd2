package com.chatnation.crm.application.organizations;

import java.time.Instant;

/**
 * The answer to onboarding. The read-only API key and the owner's invitation token appear here once and are never
 * retrievable again: hand the token to the owner, who sets a password with it ({@code POST /api/v1/auth/invitations/accept}).
 */
public record OnboardedOrganization(String organizationId, String name, String phoneNumberId, String walletId,
                                    String apiKey, OwnerInvitation ownerInvitation) {

    public record OwnerInvitation(String userId, String invitationToken, Instant expiresAt) {
    }
}
