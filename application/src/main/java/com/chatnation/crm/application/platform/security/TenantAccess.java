package com.chatnation.crm.application.platform.security;

import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides requests to {@code /api/v1/orgs/{orgId}/…}: the caller must be a member or key of exactly that
 * organization (the path variable as Spring MVC decodes it, so no spelling of the path reaches another
 * organization), hold the operation's permission, and, to change anything, the organization must not be
 * suspended. The platform operator is not a member of any organization and is refused here.
 */
final class TenantAccess {

    static final String ORGANIZATION_VARIABLE = "orgId";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final OrganizationDirectory organizations;

    TenantAccess(OrganizationDirectory organizations) {
        this.organizations = organizations;
    }

    AuthorizationManager<RequestAuthorizationContext> requires(Permission permission) {
        return (authentication, context) -> decide(authentication, context, permission);
    }

    private AuthorizationDecision decide(Supplier<Authentication> authentication, RequestAuthorizationContext context,
                                         Permission permission) {
        if (!(authentication.get() instanceof CrmAuthentication caller)) {
            return new AuthorizationDecision(false);
        }
        HttpServletRequest request = context.getRequest();
        CrmPrincipal principal = caller.getPrincipal();
        String organizationId = context.getVariables().get(ORGANIZATION_VARIABLE);
        if (principal.kind() == CrmPrincipal.Kind.PLATFORM) {
            return deny(request, "the platform key does not act inside an organization: use a staff login or the "
                    + "organization's API key", "forbidden");
        }
        if (!principal.belongsTo(organizationId)) {
            return deny(request, "these credentials belong to another organization", "forbidden");
        }
        if (!principal.may(permission)) {
            return deny(request, "your " + (principal.kind() == CrmPrincipal.Kind.API_KEY ? "API key's scopes" : "roles")
                    + " do not include " + permission.getAuthority(), "forbidden");
        }
        if (!SAFE_METHODS.contains(request.getMethod())
                && organizations.byId(organizationId).map(OrganizationRow::suspended).orElse(false)) {
            return deny(request, "this organization is suspended: nothing can be changed until the platform resumes it",
                    "organization_suspended");
        }
        return new AuthorizationDecision(true);
    }

    private static AuthorizationDecision deny(HttpServletRequest request, String detail, String code) {
        request.setAttribute(ProblemResponses.DENIAL_DETAIL, detail);
        request.setAttribute(ProblemResponses.DENIAL_CODE, code);
        return new AuthorizationDecision(false);
    }
}
