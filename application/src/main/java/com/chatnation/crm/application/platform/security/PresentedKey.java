package com.chatnation.crm.application.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.util.List;

/** A key taken from a request's headers, not yet checked. */
final class PresentedKey extends AbstractAuthenticationToken {

    enum Kind { PLATFORM, ORGANIZATION }

    private final Kind kind;
    private final String value;

    PresentedKey(Kind kind, String value) {
        super(List.of());
        this.kind = kind;
        this.value = value;
    }

    Kind kind() {
        return kind;
    }

    @Override
    public Object getCredentials() {
        return value;
    }

    @Override
    public Object getPrincipal() {
        return kind;
    }

    /** Never the key itself, so it cannot end up in a log line. */
    @Override
    public String toString() {
        return "PresentedKey[" + kind + "]";
    }
}
