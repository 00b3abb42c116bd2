package com.chatnation.crm.application.platform.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Spring Security's form login checks the dashboard's login form through the staff slice's {@link StaffLogins}. */
final class StaffLoginProvider implements AuthenticationProvider {

    private final StaffLogins logins;

    StaffLoginProvider(StaffLogins logins) {
        this.logins = logins;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String login = String.valueOf(authentication.getPrincipal());
        Object credentials = authentication.getCredentials();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        try {
            return new CrmAuthentication(logins.logIn(login, credentials == null ? "" : credentials.toString(), address));
        } catch (StaffLogins.Refused refused) {
            throw new BadCredentialsException(refused.getMessage());
        } catch (StaffLogins.Throttled throttled) {
            throw new LockedException(throttled.getMessage());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
