package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.List;

/**
 * The dashboard's pages: a login form, a session kept in PostgreSQL (Spring Session), so it survives a restart and
 * works on every instance, CSRF tokens on every change, and the page rules of {@link AccessRules}. Only the paths
 * listed in {@link #PAGES} come here; the API's stateless chain keeps everything else, so no cookie ever
 * authenticates an API call.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

    /** The dashboard's own paths, and a HypeCard's public page (/c/…), which is served like them. */
    static final List<String> PAGES = List.of("/", "/login", "/logout", "/invitation", "/app", "/app/**", "/assets/**",
            "/webjars/**", "/favicon.ico", "/c/**");

    /*
     * No inline script or style anywhere in the pages, so the policy can forbid them: an injected <script> in a
     * contact's name or message cannot run even if escaping were ever missed.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, StaffLogins logins, CredentialLookup credentials,
                              OrganizationDirectory organizations) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher pages = new OrRequestMatcher(PAGES.stream().map(paths::matcher)
                .map(RequestMatcher.class::cast).toList());
        LiveStaffSession contexts = new LiveStaffSession(credentials);
        PageAccess access = new PageAccess(organizations);
        return http
                .securityMatcher(pages)
                .authenticationManager(new ProviderManager(new StaffLoginProvider(logins)))
                .securityContext(context -> context.securityContextRepository(contexts))
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("login")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/app", true)
                        .failureHandler((request, response, failure) -> response.sendRedirect(
                                request.getContextPath() + "/login?" + (failure instanceof LockedException ? "throttled" : "error")))
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .addLogoutHandler(endStaffSession(logins))
                        .logoutSuccessUrl("/login?logout")
                        .deleteCookies("SESSION"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(loginFirst()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .requestCache(cache -> cache.disable())
                // A HypeCard page's share counter takes no token: its visitors are anonymous, and a forged post
                // changes nothing of anyone's with their credentials, it counts at most one share per visitor-day
                .csrf(csrf -> csrf.ignoringRequestMatchers(paths.matcher(HttpMethod.POST, "/c/{shareCode}/shares")))
                .authorizeHttpRequests(rules -> {
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
                    AccessRules.pages(rules, access);
                })
                .build();
    }

    /** Logging out of the dashboard ends the staff session as the API's logout does. */
    private static LogoutHandler endStaffSession(StaffLogins logins) {
        return (request, response, authentication) -> {
            if (authentication instanceof CrmAuthentication caller) {
                logins.logOut(caller.getPrincipal());
            }
        };
    }

    /**
     * Pages send the visitor to the login form; an htmx request (a page's partial refresh after the session ended)
     * gets 401 with {@code HX-Redirect}, which htmx follows with a full page load.
     */
    private static AuthenticationEntryPoint loginFirst() {
        LoginUrlAuthenticationEntryPoint form = new LoginUrlAuthenticationEntryPoint("/login");
        return (HttpServletRequest request, HttpServletResponse response,
                AuthenticationException failure) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.sendError(HttpStatus.UNAUTHORIZED.value());
            } else {
                form.commence(request, response, failure);
            }
        };
    }
}
