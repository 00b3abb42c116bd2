package com.chatnation.crm.projections.staff;

import com.chatnation.crm.domain.staff.ApiKeyScope;

import java.time.Instant;
import java.util.Set;

/**
 * A machine key as shown to its organization. The key's hash is left out on purpose: it is only ever compared in
 * the query that finds a key by the hash presented.
 */
public record ApiKeyRow(String organizationId, String id, String name, Set<ApiKeyScope> scopes, Instant createdAt,
                        Instant rotatedAt, Instant revokedAt, Instant lastUsedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
