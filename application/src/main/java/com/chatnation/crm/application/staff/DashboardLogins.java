package com.chatnation.crm.application.staff;

import com.chatnation.crm.application.platform.security.CredentialLookup;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.StaffLogins;
import org.springframework.stereotype.Component;

/**
 * Dashboard logins are staff sessions: the same throttle and password check as the API's login, and a session
 * family that the API's logout, a password change or a deactivation ends. The refresh token the session starts
 * with is not handed out: the browser's session holds the principal instead.
 */
@Component
class DashboardLogins implements StaffLogins {

    private final Sessions sessions;
    private final CredentialLookup credentials;

    DashboardLogins(Sessions sessions, CredentialLookup credentials) {
        this.sessions = sessions;
        this.credentials = credentials;
    }

    @Override
    public CrmPrincipal logIn(String login, String password, String clientAddress) {
        Sessions.Tokens tokens;
        try {
            tokens = sessions.login(login, password, clientAddress);
        } catch (SessionRefused refused) {
            throw new Refused(refused.getMessage());
        } catch (TooManyAttempts tooMany) {
            throw new Throttled(Math.max(1, tooMany.waitFor().toSeconds()));
        }
        return credentials.staffSession(tokens.userId(), tokens.organizationId(), tokens.sessionId())
                .orElseThrow(() -> new Refused("this account is no longer active"));
    }

    @Override
    public void logOut(CrmPrincipal principal) {
        sessions.logout(null, principal.id(), principal.sessionId());
    }
}
