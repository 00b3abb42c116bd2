package com.chatnation.crm.application.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated {@link CrmPrincipal}; its authorities are its permissions. */
final class CrmAuthentication extends AbstractAuthenticationToken {

    private final CrmPrincipal principal;

    public CrmAuthentication(CrmPrincipal principal) {
        super(principal.permissions());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public CrmPrincipal getPrincipal() {
        return principal;
    }

    /** Credentials are checked once and never kept with the authentication. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return principal.kind().wireName() + ":" + principal.id();
    }
}
