package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * The one place that decides who may call what. Stateless: every request carries its credential (no sessions,
 * no cookies, hence no CSRF tokens), and each credential is checked against the current state of the team on
 * every request. {@link AccessRules} holds the table of operations; anything else is refused.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, PlatformKey platformKey, CredentialLookup credentials,
                            JwtDecoder accessTokenDecoder, OrganizationDirectory organizations,
                            ProblemResponses problems) throws Exception {
        AuthenticationFilter keys = new AuthenticationFilter(
                new ProviderManager(new HeaderKeys.Provider(platformKey, credentials)), new HeaderKeys.Converter());
        keys.setSuccessHandler((request, response, authentication) -> {
            // carry on down the chain: a key authenticates this one request
        });
        keys.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
        TenantAccess tenant = new TenantAccess(organizations);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .cors(cors -> {
                })
                .addFilterBefore(keys, BearerTokenAuthenticationFilter.class)
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(HeaderKeys.accessTokens())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.decoder(accessTokenDecoder)
                                .jwtAuthenticationConverter(new StaffTokenConverter(credentials))))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(rules -> {
                    // the error page renders whatever the original request was already allowed to cause
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    AccessRules.apply(rules, tenant);
                })
                .build();
    }

    /** A bean, so Spring Boot knows authentication is taken care of and creates no default user. */
    @Bean
    JwtDecoder accessTokenDecoder(AccessTokens accessTokens) {
        return accessTokens.decoder();
    }

    @Bean
    ProblemResponses problemResponses(ObjectMapper json) {
        return new ProblemResponses(json);
    }

    /** Paths the firewall refuses ({@code ;params}, {@code //}, {@code /./}) answer 404 like any unknown path. */
    @Bean
    WebSecurityCustomizer rejectedPathsAnswerNotFound(ProblemResponses problems) {
        return web -> web.requestRejectedHandler(problems);
    }

    /**
     * No observation (trace span, timer) per security filter and per authorization: with them every request, the
     * webhook's included, spent more in Micrometer's observations of the filter chain than in the chain's own work.
     * Requests stay measured as a whole ({@code http.server.requests}); authentication failures stay logged.
     */
    @Bean
    SecurityObservationSettings noPerFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** BCrypt by default, with the algorithm's id stored alongside each hash so it can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Cross-origin calls are refused unless {@code crm.security.cors.allowed-origins} lists the origin. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${crm.security.cors.allowed-origins:}") List<String> allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> origins = allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        if (!origins.isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(origins);
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", HeaderKeys.API_KEY_HEADER));
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }
}
