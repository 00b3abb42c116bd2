/**
 * The platform's own activation funnel, for the platform operator only (the API under {@code /admin/analytics}, the
 * page {@code /operator/analytics}):
 * organizations from onboarding to their first conversation, flow, approved template, broadcast, invited member,
 * paid purchase and activity after 30 days; weekly cohorts; feature usage per organization; the dashboard's page
 * views, recorded here as {@link com.chatnation.crm.domain.staff.DashboardPageViewed} events; and what staff do on
 * the dashboard and through the organization's API, recorded as
 * {@link com.chatnation.crm.domain.staff.DashboardActionTaken} events.
 */
package com.chatnation.crm.application.platformanalytics;
