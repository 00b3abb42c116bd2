package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A staff member did something on the dashboard or through the organization's API: {@code action} is the HTTP
 * method and the route's pattern ({@code POST /app/broadcasts/{id}/send}), never the address with its ids and query,
 * and the request succeeded (a redirect after a form counts). Published on its own, without an aggregate (nothing
 * decides on it), once per request, so the platform's funnel can see what staff do and which pages they only look at.
 */
@Revision("1")
public record DashboardActionTaken(String organizationId, String staffId, String action, Instant at) {
}
