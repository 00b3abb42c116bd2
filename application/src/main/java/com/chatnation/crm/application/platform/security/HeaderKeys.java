package com.chatnation.crm.application.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Keys sent in headers: the platform operator's {@code X-Admin-Key}, and an organization's API key as
 * {@code X-Api-Key} or {@code Authorization: Bearer crm_…}. Staff access tokens also come as bearer tokens; they
 * are told apart by the {@code crm_} prefix every API key has.
 */
final class HeaderKeys {

    static final String API_KEY_HEADER = "X-Api-Key";
    static final String API_KEY_PREFIX = "crm_";

    private HeaderKeys() {
    }

    static final class Converter implements AuthenticationConverter {
        @Override
        public Authentication convert(HttpServletRequest request) {
            String platform = request.getHeader(PlatformKey.HEADER);
            if (platform != null) {
                return new PresentedKey(PresentedKey.Kind.PLATFORM, platform.strip());
            }
            String apiKey = request.getHeader(API_KEY_HEADER);
            if (apiKey != null) {
                return new PresentedKey(PresentedKey.Kind.ORGANIZATION, apiKey.strip());
            }
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = authorization.substring(7).strip();
                if (token.startsWith(API_KEY_PREFIX)) {
                    return new PresentedKey(PresentedKey.Kind.ORGANIZATION, token);
                }
            }
            return null;
        }
    }

    /** Bearer tokens that are not API keys: the staff access tokens (JWTs). */
    static BearerTokenResolver accessTokens() {
        DefaultBearerTokenResolver jwts = new DefaultBearerTokenResolver();
        return request -> {
            if (request.getHeader(PlatformKey.HEADER) != null || request.getHeader(API_KEY_HEADER) != null) {
                return null;
            }
            String token = jwts.resolve(request);
            return token == null || token.startsWith(API_KEY_PREFIX) ? null : token;
        };
    }

    static final class Provider implements AuthenticationProvider {
        private final PlatformKey platformKey;
        private final CredentialLookup credentials;

        Provider(PlatformKey platformKey, CredentialLookup credentials) {
            this.platformKey = platformKey;
            this.credentials = credentials;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            PresentedKey presented = (PresentedKey) authentication;
            String value = (String) presented.getCredentials();
            if (value.isEmpty()) {
                throw new BadCredentialsException("the key header is empty");
            }
            if (presented.kind() == PresentedKey.Kind.PLATFORM) {
                if (!platformKey.matches(value)) {
                    throw new BadCredentialsException("the " + PlatformKey.HEADER + " header does not hold the platform key");
                }
                return new CrmAuthentication(CrmPrincipal.platform());
            }
            return credentials.apiKey(value).map(CrmAuthentication::new)
                    .orElseThrow(() -> new BadCredentialsException("unknown or revoked API key"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return PresentedKey.class.isAssignableFrom(authentication);
        }
    }
}
