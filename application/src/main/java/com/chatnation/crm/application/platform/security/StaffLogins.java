package com.chatnation.crm.application.platform.security;

/**
 * Password logins for the dashboard, implemented by the staff slice, which owns accounts, the login throttle and
 * sessions. A dashboard login is a staff session like the API's (same throttle, same session family that logging
 * out or deactivating the member ends); only where its credential lives differs: in the browser's session rather
 * than in a bearer token.
 */
public interface StaffLogins {

    /**
     * The member's principal with a new session, or an exception saying why not: {@link Refused} for wrong
     * credentials, {@link Throttled} when too many attempts failed.
     */
    CrmPrincipal logIn(String login, String password, String clientAddress);

    /** Ends the session the principal was given. */
    void logOut(CrmPrincipal principal);

    /** Wrong login or password, or an inactive account; the message never says which. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** Too many failed attempts for this login or from this address. */
    final class Throttled extends RuntimeException {
        private final long waitSeconds;

        public Throttled(long waitSeconds) {
            super("too many failed logins: try again in " + waitSeconds + " s");
            this.waitSeconds = waitSeconds;
        }

        public long waitSeconds() {
            return waitSeconds;
        }
    }
}
