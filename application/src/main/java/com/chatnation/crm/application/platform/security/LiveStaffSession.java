package com.chatnation.crm.application.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

import java.util.Optional;

/**
 * Where a dashboard session's login is kept (the HTTP session, itself in PostgreSQL), checked against the team each
 * time a request loads it, as bearer tokens are: a member deactivated, logged out elsewhere or whose password
 * changed loses the page at once, and a change of roles shows on the next click rather than at the next login.
 */
final class LiveStaffSession implements SecurityContextRepository {

    private final CredentialLookup credentials;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    LiveStaffSession(CredentialLookup credentials) {
        this.credentials = credentials;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        DeferredSecurityContext stored = sessions.loadDeferredContext(request);
        return new DeferredSecurityContext() {
            private SecurityContext checked;

            @Override
            public SecurityContext get() {
                if (checked == null) {
                    checked = check(stored.get(), request);
                }
                return checked;
            }

            @Override
            public boolean isGenerated() {
                return stored.isGenerated();
            }
        };
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holderOfRequest) {
        return check(sessions.loadContext(holderOfRequest), holderOfRequest.getRequest());
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        sessions.saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return sessions.containsContext(request);
    }

    private SecurityContext check(SecurityContext stored, HttpServletRequest request) {
        if (!(stored.getAuthentication() instanceof CrmAuthentication authentication)) {
            return stored;
        }
        CrmPrincipal held = authentication.getPrincipal();
        if (held.kind() == CrmPrincipal.Kind.PLATFORM) {
            // the platform operator's sign-in (OperatorSecurityConfiguration): no member, so no staff page; the
            // session is left alone, it still opens the operator's pages
            return holder.createEmptyContext();
        }
        Optional<CrmPrincipal> current = held.kind() == CrmPrincipal.Kind.STAFF
                ? credentials.staffSession(held.id(), held.organizationId(), held.sessionId()) : Optional.empty();
        if (current.isEmpty()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return holder.createEmptyContext();
        }
        if (current.get().equals(held)) {
            return stored;
        }
        // the roles changed: the session keeps the new permissions from now on
        SecurityContext updated = holder.createEmptyContext();
        updated.setAuthentication(new CrmAuthentication(current.get()));
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, updated);
        }
        return updated;
    }
}
