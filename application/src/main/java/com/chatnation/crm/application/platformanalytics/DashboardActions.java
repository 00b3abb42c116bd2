package com.chatnation.crm.application.platformanalytics;

import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.domain.staff.DashboardActionTaken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Records a {@link DashboardActionTaken} when a staff member's request that changes something (any method but
 * {@code GET}, {@code HEAD} and {@code OPTIONS}) to a dashboard page under {@code /app} or to the organization's API
 * under {@code /api/v1/orgs} succeeded: its final status is below 400, so the redirect that follows a form counts
 * and a refused or failed request does not. The action is the method and the route's pattern as Spring MVC matched
 * it, so ids and query strings never reach the event store. API keys and the platform are not staff and are not
 * recorded.
 *
 * <p>Unlike page views there is no throttling: each request is one thing a member did, and requests that change
 * something are far fewer than reloads. A failure to record is logged and never fails the request, which has already
 * been answered by the time this runs.
 */
class DashboardActions implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DashboardActions.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    /** The read table's column; route patterns come from the code and are far shorter. */
    private static final int LONGEST_ACTION = 300;

    private final EventGateway events;
    private final Clock clock;

    DashboardActions(EventGateway events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (failure != null || READS.contains(request.getMethod()) || response.getStatus() >= 400) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (!(pattern instanceof String route) || !tracked(route)) {
            return;
        }
        CrmPrincipal staff = staff(request);
        if (staff == null) {
            return;
        }
        String action = request.getMethod() + ' ' + route;
        if (action.length() > LONGEST_ACTION) {
            return;
        }
        try {
            events.publish(new DashboardActionTaken(staff.organizationId(), staff.id(), action,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        } catch (RuntimeException e) {
            log.warn("could not record the action {} by {}", action, staff.id(), e);
        }
    }

    private static boolean tracked(String route) {
        return route.equals("/app") || route.startsWith("/app/") || route.startsWith("/api/v1/orgs/");
    }

    /**
     * The member behind the request: the dashboard's session puts it in the request's principal, an access token
     * in the security context; either way only a staff member of an organization counts.
     */
    private static CrmPrincipal staff(HttpServletRequest request) {
        Object authentication = request.getUserPrincipal();
        if (!(authentication instanceof Authentication)) {
            authentication = SecurityContextHolder.getContext().getAuthentication();
        }
        if (authentication instanceof Authentication caller && caller.getPrincipal() instanceof CrmPrincipal principal
                && principal.kind() == CrmPrincipal.Kind.STAFF && principal.organizationId() != null) {
            return principal;
        }
        return null;
    }
}
