/**
 * The platform's own activation funnel, for the platform operator only (paths under {@code /admin/analytics}):
 * organizations from onboarding to their first conversation, flow, approved template, broadcast, invited member,
 * paid purchase and activity after 30 days; weekly cohorts; feature usage per organization; and the dashboard's page
 * views, recorded here as {@link com.chatnation.crm.domain.staff.DashboardPageViewed} events.
 */
package com.chatnation.crm.application.platformanalytics;
