package com.chatnation.crm.application.platformanalytics;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.ActionFigures;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Cohort;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.DashboardUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.FeatureSummary;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.FeatureUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Filter;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Funnel;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.OrganizationUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.PageFigures;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.StaffActions;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.StepFigures;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the operator's analytics API ({@link PlatformAnalyticsController}) and page ({@link OperatorAnalyticsPage})
 * share, so the two always agree: their query parameters, read and refused the same way, and their CSV files, column
 * for column.
 */
final class PlatformReports {

    static final int DEFAULT_IDLE_DAYS = 7;

    private static final Pattern ORGANIZATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final CsvDownload<StepFigures> STEPS = CsvDownload.of(
            List.of("position", "step", "eligible", "reached", "percent_of_eligible", "never_reached",
                    "percent_never_reached", "reached_previous", "converted_from_previous", "conversion_percent",
                    "drop_off", "out_of_order", "median_seconds_from_previous", "median_hours_from_previous"),
            List.of(StepFigures::position, StepFigures::step, StepFigures::eligible, StepFigures::reached,
                    StepFigures::percentOfEligible, StepFigures::neverReached, StepFigures::percentNeverReached,
                    StepFigures::reachedPrevious, StepFigures::convertedFromPrevious, StepFigures::conversionPercent,
                    StepFigures::dropOff, StepFigures::outOfOrder, StepFigures::medianSecondsFromPrevious,
                    StepFigures::medianHoursFromPrevious));

    private static final CsvDownload<ActionFigures> ACTIONS = CsvDownload.of(
            List.of("action", "count", "staff", "organizations", "last_at"),
            List.of(ActionFigures::action, ActionFigures::count, ActionFigures::staff, ActionFigures::organizations,
                    ActionFigures::lastAt));

    private static final CsvDownload<PageFigures> PAGES = CsvDownload.of(
            List.of("page", "views", "staff", "organizations", "last_page_of_stopped", "actions"),
            List.of(PageFigures::page, PageFigures::views, PageFigures::staff, PageFigures::organizations,
                    PageFigures::lastPageOfStopped, PageFigures::actions));

    private static final CsvDownload<FeatureSummary> FEATURE_SUMMARY = CsvDownload.of(
            List.of("feature", "organizations_using", "percent_of_organizations", "items"),
            List.of(FeatureSummary::feature, FeatureSummary::organizationsUsing,
                    FeatureSummary::percentOfOrganizations, FeatureSummary::items));

    private PlatformReports() {
    }

    /** The organizations asked for: onboarded between two UTC days (both included, either open), or one of them. */
    static Filter filter(Instant now, String onboardedFrom, String onboardedTo, String organizationId) {
        LocalDate from = date("onboardedFrom", onboardedFrom);
        LocalDate to = date("onboardedTo", onboardedTo);
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadParameter("onboardedFrom", "is after onboardedTo");
        }
        String organization = organizationId == null || organizationId.isBlank() ? null : organizationId.strip();
        if (organization != null && !ORGANIZATION_ID.matcher(organization).matches()) {
            throw new BadParameter("organizationId", "is not an organization id");
        }
        return new Filter(now, from, to, organization);
    }

    static boolean csv(String format) {
        if (format == null || format.isBlank() || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw new BadParameter("format", "must be json or csv");
    }

    static int idleDays(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_IDLE_DAYS;
        }
        try {
            int days = Integer.parseInt(value.strip());
            if (days >= 1 && days <= 365) {
                return days;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadParameter("idleDays", "must be a whole number of days from 1 to 365");
    }

    static void writeActivation(HttpServletResponse response, Funnel funnel) {
        STEPS.write(response, "activation.csv", funnel.steps());
    }

    static void writeCohorts(HttpServletResponse response, List<Cohort> cohorts) {
        List<String> headers = new ArrayList<>(List.of("week", "organizations", "eligible_after_30_days"));
        List<Function<Cohort, Object>> columns = new ArrayList<>(
                List.of(Cohort::week, Cohort::organizations, Cohort::eligibleAfter30Days));
        for (PlatformActivationQueries.Step step : PlatformActivationQueries.STEPS) {
            headers.add(step.name());
            columns.add(cohort -> cohort.reached().get(step.name()));
        }
        CsvDownload.of(headers, columns).write(response, "activation-cohorts.csv", cohorts);
    }

    /** Feature usage per organization. */
    static void writeFeatures(HttpServletResponse response, FeatureUsage usage) {
        List<String> headers = new ArrayList<>(List.of("organization_id", "name", "onboarded_at"));
        List<Function<OrganizationUsage, Object>> columns = new ArrayList<>(List.of(
                OrganizationUsage::organizationId, OrganizationUsage::name, OrganizationUsage::onboardedAt));
        for (String feature : PlatformActivationQueries.FEATURES) {
            headers.add(feature);
            columns.add(row -> row.features().get(feature));
        }
        headers.addAll(List.of("page_views", "actions", "last_activity_at"));
        columns.add(OrganizationUsage::pageViews);
        columns.add(OrganizationUsage::actions);
        columns.add(OrganizationUsage::lastActivityAt);
        CsvDownload.of(headers, columns).write(response, "feature-usage.csv", usage.perOrganization());
    }

    /** Feature usage per feature: how many organizations use each. */
    static void writeFeatureSummary(HttpServletResponse response, FeatureUsage usage) {
        FEATURE_SUMMARY.write(response, "feature-summary.csv", usage.summary());
    }

    static void writePages(HttpServletResponse response, DashboardUsage usage) {
        PAGES.write(response, "dashboard-usage.csv", usage.pages());
    }

    /** What staff did, per action (method and route pattern). */
    static void writeActions(HttpServletResponse response, StaffActions actions) {
        ACTIONS.write(response, "staff-actions.csv", actions.actions());
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "is not a date in the form YYYY-MM-DD");
        }
        if (date.getYear() < 1970 || date.getYear() > 9999) {
            throw new BadParameter(name, "is outside the years 1970 to 9999");
        }
        return date;
    }

    /** A query parameter the reports cannot use: 400 naming it. */
    static final class BadParameter extends RefusedRequest {

        BadParameter(String parameter, String problem) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", "parameter '" + parameter + "' " + problem);
        }
    }
}
