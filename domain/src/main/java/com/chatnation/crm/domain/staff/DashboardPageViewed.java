package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A staff member opened a dashboard page: the page is the route's pattern ({@code /app/surveys/{id}}), never the
 * address with its ids and query, and {@code at} is truncated to the minute. Published on its own, without an
 * aggregate (nothing decides on it), at most once per member, page and minute, so the platform's funnel can see
 * which pages staff use and where they stop.
 */
@Revision("1")
public record DashboardPageViewed(String organizationId, String staffId, String page, Instant at) {
}
