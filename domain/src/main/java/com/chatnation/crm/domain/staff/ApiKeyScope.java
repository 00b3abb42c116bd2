package com.chatnation.crm.domain.staff;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** What a machine key may do: read the organization's data, or change it too. Lower case on the wire. */
public enum ApiKeyScope {
    READ, WRITE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApiKeyScope parse(String value) {
        if (value != null) {
            for (ApiKeyScope scope : values()) {
                if (scope.name().equalsIgnoreCase(value.strip())) {
                    return scope;
                }
            }
        }
        throw new DomainRuleViolation("unknown_scope", "unknown API key scope '" + value + "'");
    }

    /** The scopes in declaration order, unmodifiable; null or empty gives an empty set. */
    static Set<ApiKeyScope> copyOf(Collection<ApiKeyScope> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            return Set.of();
        }
        if (scopes.stream().anyMatch(Objects::isNull)) { // contains(null) throws on immutable sets
            throw new DomainRuleViolation("unknown_scope", "scopes cannot contain an empty entry");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }
}
