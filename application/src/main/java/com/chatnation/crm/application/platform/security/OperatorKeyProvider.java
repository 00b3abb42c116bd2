package com.chatnation.crm.application.platform.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.util.Optional;

/**
 * Checks the operator's sign-in form: the key typed is compared with the platform key as the {@code X-Admin-Key}
 * header is ({@link PlatformKey#matches}, constant-time), after the throttle for the client address. Neither the key
 * nor any part of it enters an exception's message, so nothing logged ever holds it.
 */
final class OperatorKeyProvider implements AuthenticationProvider {

    private final PlatformKey platformKey;
    private final OperatorSignInThrottle throttle;

    OperatorKeyProvider(PlatformKey platformKey, OperatorSignInThrottle throttle) {
        this.platformKey = platformKey;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Optional<Duration> wait = throttle.waitBeforeOperatorSignIn(address);
        if (wait.isPresent()) {
            throw new Throttled(Math.max(1, wait.get().toSeconds()));
        }
        Object credentials = authentication.getCredentials();
        String key = credentials == null ? "" : credentials.toString().strip();
        if (key.isEmpty()) {
            // an empty form guesses nothing, so it is not counted
            throw new BadCredentialsException("no platform key was typed");
        }
        if (!platformKey.matches(key)) {
            throttle.operatorSignInFailed(address);
            throw new BadCredentialsException("the typed key is not the platform key");
        }
        return new CrmAuthentication(CrmPrincipal.platform());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Too many wrong keys from this address: the form answers 429 with {@code Retry-After}. */
    static final class Throttled extends LockedException {
        private final long waitSeconds;

        Throttled(long waitSeconds) {
            super("too many wrong platform keys from this address: try again in " + waitSeconds + " s");
            this.waitSeconds = waitSeconds;
        }

        long waitSeconds() {
            return waitSeconds;
        }
    }
}
