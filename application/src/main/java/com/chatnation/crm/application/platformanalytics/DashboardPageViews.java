package com.chatnation.crm.application.platformanalytics;

import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.domain.staff.DashboardPageViewed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a {@link DashboardPageViewed} when a staff member's {@code GET} of a dashboard page under {@code /app}
 * was rendered successfully. The page is the route's pattern as Spring MVC matched it, so ids and query strings never
 * reach the event store. The htmx requests a page makes to refresh itself are not views.
 *
 * <p>At most one event per member, page and minute: a page refreshed or reopened within the minute would otherwise
 * append an event each time, and the store would grow with how often staff press reload rather than with what they
 * do. This instance remembers the minute it last recorded each member's page; another instance may record the same
 * minute once more, which the read table's key (member, page, minute) absorbs. A failure to record is logged and
 * never fails the page.
 */
class DashboardPageViews implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DashboardPageViews.class);
    private static final int REMEMBERED = 10_000;

    private final EventGateway events;
    private final Clock clock;
    private final Map<String, Instant> lastRecorded = new ConcurrentHashMap<>();

    DashboardPageViews(EventGateway events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (failure != null || !"GET".equals(request.getMethod()) || response.getStatus() != HttpStatus.OK.value()
                || request.getHeader("HX-Request") != null) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (!(pattern instanceof String page) || !(page.equals("/app") || page.startsWith("/app/"))) {
            return;
        }
        if (!(request.getUserPrincipal() instanceof Authentication authentication)
                || !(authentication.getPrincipal() instanceof CrmPrincipal staff)
                || staff.kind() != CrmPrincipal.Kind.STAFF || staff.organizationId() == null) {
            return;
        }
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String key = staff.id() + ' ' + page;
        if (minute.equals(lastRecorded.get(key))) {
            return;
        }
        if (lastRecorded.size() >= REMEMBERED) {
            lastRecorded.clear();
        }
        lastRecorded.put(key, minute);
        try {
            events.publish(new DashboardPageViewed(staff.organizationId(), staff.id(), page, minute));
        } catch (RuntimeException e) {
            log.warn("could not record a view of {} by {}", page, staff.id(), e);
        }
    }
}
