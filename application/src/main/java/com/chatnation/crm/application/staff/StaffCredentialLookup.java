package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.security.CredentialLookup;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Grants;
import com.chatnation.crm.projections.staff.StaffDirectory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/** Members and API keys as the security filter sees them, read from the team's tables on every request. */
@Component
class StaffCredentialLookup implements CredentialLookup {

    private final StaffDirectory staff;
    private final Sessions sessions;

    StaffCredentialLookup(StaffDirectory staff, Sessions sessions) {
        this.staff = staff;
        this.sessions = sessions;
    }

    @Override
    public Optional<CrmPrincipal> staffSession(String userId, String organizationId, String sessionId) {
        return staff.member(userId)
                .filter(Sessions::active)
                .filter(member -> member.organizationId().equals(organizationId))
                .filter(member -> sessions.sessionOpen(sessionId, userId))
                .map(member -> new CrmPrincipal(CrmPrincipal.Kind.STAFF, member.id(), member.organizationId(), sessionId,
                        Grants.ofRoles(member.roles())));
    }

    @Override
    public Optional<CrmPrincipal> apiKey(String presentedKey) {
        return staff.activeApiKeyByHash(SecretTokens.hash(presentedKey)).map(key -> {
            Instant now = Instant.now();
            // the row just read says whether last_used_at is due: no statement at all on most requests
            if (key.lastUsedAt() == null || !key.lastUsedAt().isAfter(now.minus(StaffDirectory.LAST_USED_RESOLUTION))) {
                staff.touchApiKey(key.organizationId(), key.id(), now);
            }
            return new CrmPrincipal(CrmPrincipal.Kind.API_KEY, key.id(), key.organizationId(), null,
                    Grants.ofScopes(key.scopes()));
        });
    }
}
