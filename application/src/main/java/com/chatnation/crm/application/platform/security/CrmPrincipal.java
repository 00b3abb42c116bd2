package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.projections.audit.AuditMetaData;

import java.io.Serializable;
import java.util.Set;

/**
 * Who is calling: a staff member, an organization's API key or the platform operator. {@code organizationId} is
 * the one organization a staff member or key belongs to (null for the platform); {@code sessionId} is a staff
 * member's login session (the refresh-token family), so logging out ends the access tokens it issued.
 * Serializable: a dashboard session keeps it in PostgreSQL between requests.
 */
public record CrmPrincipal(Kind kind, String id, String organizationId, String sessionId,
                           Set<Permission> permissions) implements Serializable {

    public static final String PLATFORM_ID = "platform";

    public enum Kind {
        STAFF(AuditMetaData.USER), API_KEY(AuditMetaData.API_KEY), PLATFORM(AuditMetaData.PLATFORM);

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** As written into audit metadata. */
        public String wireName() {
            return wireName;
        }
    }

    public CrmPrincipal {
        permissions = Set.copyOf(permissions);
    }

    public static CrmPrincipal platform() {
        return new CrmPrincipal(Kind.PLATFORM, PLATFORM_ID, null, null, Set.of(Permission.PLATFORM));
    }

    public boolean belongsTo(String organization) {
        return organizationId != null && organizationId.equals(organization);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
