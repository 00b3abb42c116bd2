package com.chatnation.crm.application.platform.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The platform operator's pages ({@code /operator/**}): a form that asks for the platform key and opens a browser
 * session as the platform, for the operator's analytics. A chain of its own, before the staff pages' chain, so the
 * two never mix: its login form, throttle, idle timeout and rules are the operator's. The session is the dashboard's
 * (Spring Session in PostgreSQL, the same HttpOnly cookie), but a staff session is refused here (403) and the
 * operator's opens no staff page ({@link LiveStaffSession} sees no member in it) and no API call (the API's chain
 * reads no cookie).
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain operatorPages(HttpSecurity http, PlatformKey platformKey, OperatorSignInThrottle throttle)
            throws Exception {
        return http
                .securityMatcher("/operator/**")
                .authenticationManager(new ProviderManager(new OperatorKeyProvider(platformKey, throttle)))
                // the session's login as every chain keeps it; only the platform's opens anything here
                .securityContext(context -> context.securityContextRepository(new HttpSessionSecurityContextRepository()))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .formLogin(form -> form
                        .loginPage(OperatorSignIn.LOGIN_PAGE)
                        .loginProcessingUrl(OperatorSignIn.LOGIN_PAGE)
                        // the form has the key only; Spring Security's form login wants a user name, there is none
                        .usernameParameter("operator")
                        .passwordParameter("key")
                        .successHandler(OperatorSignIn.signedIn())
                        .failureHandler(OperatorSignIn.refused()))
                .logout(logout -> logout
                        .logoutUrl(OperatorSignIn.LOGOUT)
                        .logoutSuccessUrl(OperatorSignIn.LOGIN_PAGE + "?logout")
                        .deleteCookies("SESSION"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(OperatorSignIn.LOGIN_PAGE)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PageSecurityConfiguration.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(AccessRules::operator)
                .build();
    }
}
