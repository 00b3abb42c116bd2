package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides dashboard pages: the caller must be a logged-in staff member holding the page's permission, and, to
 * change anything, their organization must not be suspended. A page has no organization in its path: it always
 * shows the member's own, so there is no other organization to reach.
 */
final class PageAccess {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final OrganizationDirectory organizations;

    PageAccess(OrganizationDirectory organizations) {
        this.organizations = organizations;
    }

    AuthorizationManager<RequestAuthorizationContext> requires(Permission permission) {
        return (authentication, context) -> decide(authentication, context, permission);
    }

    AuthorizationManager<RequestAuthorizationContext> anyMember() {
        return (authentication, context) -> decide(authentication, context, null);
    }

    private AuthorizationDecision decide(Supplier<Authentication> authentication, RequestAuthorizationContext context,
                                         Permission permission) {
        if (!(authentication.get() instanceof CrmAuthentication caller)
                || caller.getPrincipal().kind() != CrmPrincipal.Kind.STAFF) {
            return new AuthorizationDecision(false);
        }
        CrmPrincipal principal = caller.getPrincipal();
        if (permission != null && !principal.may(permission)) {
            return new AuthorizationDecision(false);
        }
        boolean changes = !SAFE_METHODS.contains(context.getRequest().getMethod());
        return new AuthorizationDecision(!changes || !organizations.byId(principal.organizationId())
                .map(OrganizationRow::suspended).orElse(false));
    }
}
