package com.chatnation.crm.application.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a validly signed, unexpired access token into the member it names, checked against the current state of
 * the team: a deactivated member, a session ended by logout or a password change, or a token naming an
 * organization the member is not in, is refused as an invalid token (401).
 */
final class StaffTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final CredentialLookup credentials;

    StaffTokenConverter(CredentialLookup credentials) {
        this.credentials = credentials;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String userId = jwt.getSubject();
        String organizationId = jwt.getClaimAsString(AccessTokens.ORGANIZATION_CLAIM);
        String sessionId = jwt.getClaimAsString(AccessTokens.SESSION_CLAIM);
        if (userId == null || organizationId == null || sessionId == null) {
            throw new InvalidBearerTokenException("the access token lacks its member, organization or session");
        }
        return credentials.staffSession(userId, organizationId, sessionId).map(CrmAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException(
                        "the access token's session has ended or its member is no longer active"));
    }
}
