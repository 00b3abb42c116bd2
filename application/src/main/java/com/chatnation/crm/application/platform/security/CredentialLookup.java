package com.chatnation.crm.application.platform.security;

import java.util.Optional;

/**
 * Resolves organization credentials to principals; implemented by the staff slice, which owns accounts, login
 * sessions and API keys. Both are looked up on every request, so a deactivated member, a logged-out session or
 * a revoked key stops working at once rather than when a token expires.
 */
public interface CredentialLookup {

    /** The member behind an access token, if still active, in that organization, with that session still open. */
    Optional<CrmPrincipal> staffSession(String userId, String organizationId, String sessionId);

    /** The organization API key with this value, if it exists and is not revoked. */
    Optional<CrmPrincipal> apiKey(String presentedKey);
}
