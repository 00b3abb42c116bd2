package com.chatnation.crm.domain.common;

import java.util.Locale;

/**
 * An e-mail address as logins compare it: trimmed and lower case. The check is deliberately loose (one {@code @},
 * something before it, a dot in the domain, no spaces, at most 254 characters): the invitation sent to the
 * address is the real proof that it works.
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;

    public EmailAddress {
        int at = value == null ? -1 : value.indexOf('@');
        String domain = at < 0 ? "" : value.substring(at + 1);
        if (at <= 0 || value.length() > MAX_LENGTH || domain.indexOf('@') >= 0 || domain.indexOf('.') <= 0
                || domain.endsWith(".") || value.chars().anyMatch(Character::isWhitespace)
                || !value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new DomainRuleViolation("invalid_email", "'" + value + "' is not an e-mail address");
        }
    }

    /** Accepts {@code " Jane@Example.COM "} and keeps {@code jane@example.com}. */
    public static EmailAddress of(String raw) {
        if (raw == null) {
            throw new DomainRuleViolation("invalid_email", "e-mail address is required");
        }
        return new EmailAddress(raw.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
