package com.chatnation.crm.application.platformanalytics;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Cohort;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.DashboardUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.FeatureUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Filter;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Funnel;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.OrganizationUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.PageFigures;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.StepFigures;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The platform's activation funnel over its organizations (see {@link PlatformActivationQueries}), as JSON or, with
 * {@code ?format=csv}, as CSV. Every endpoint takes {@code onboardedFrom} and {@code onboardedTo} (UTC days, both
 * included) and {@code organizationId} to narrow the organizations; figures are as of now.
 */
@RestController
@RequestMapping("/admin/analytics")
class PlatformAnalyticsController {

    private static final Pattern ORGANIZATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int DEFAULT_IDLE_DAYS = 7;

    private static final CsvDownload<StepFigures> STEPS = CsvDownload.of(
            List.of("position", "step", "eligible", "reached", "percent_of_eligible", "never_reached",
                    "percent_never_reached", "reached_previous", "converted_from_previous", "conversion_percent",
                    "drop_off", "out_of_order", "median_seconds_from_previous", "median_hours_from_previous"),
            List.of(StepFigures::position, StepFigures::step, StepFigures::eligible, StepFigures::reached,
                    StepFigures::percentOfEligible, StepFigures::neverReached, StepFigures::percentNeverReached,
                    StepFigures::reachedPrevious, StepFigures::convertedFromPrevious, StepFigures::conversionPercent,
                    StepFigures::dropOff, StepFigures::outOfOrder, StepFigures::medianSecondsFromPrevious,
                    StepFigures::medianHoursFromPrevious));

    private static final CsvDownload<PageFigures> PAGES = CsvDownload.of(
            List.of("page", "views", "staff", "organizations", "last_page_of_stopped"),
            List.of(PageFigures::page, PageFigures::views, PageFigures::staff, PageFigures::organizations,
                    PageFigures::lastPageOfStopped));

    private final PlatformActivationQueries queries;
    private final Clock clock = Clock.systemUTC();

    PlatformAnalyticsController(PlatformActivationQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/activation")
    Funnel activation(@RequestParam(required = false) String onboardedFrom,
                      @RequestParam(required = false) String onboardedTo,
                      @RequestParam(required = false) String organizationId,
                      @RequestParam(required = false) String format, HttpServletResponse response) {
        Funnel funnel = queries.funnel(filter(onboardedFrom, onboardedTo, organizationId));
        if (csv(format)) {
            STEPS.write(response, "activation.csv", funnel.steps());
            return null;
        }
        return funnel;
    }

    @GetMapping("/activation/cohorts")
    List<Cohort> cohorts(@RequestParam(required = false) String onboardedFrom,
                         @RequestParam(required = false) String onboardedTo,
                         @RequestParam(required = false) String organizationId,
                         @RequestParam(required = false) String format, HttpServletResponse response) {
        List<Cohort> cohorts = queries.cohorts(filter(onboardedFrom, onboardedTo, organizationId));
        if (csv(format)) {
            List<String> headers = new ArrayList<>(List.of("week", "organizations", "eligible_after_30_days"));
            List<Function<Cohort, Object>> columns = new ArrayList<>(
                    List.of(Cohort::week, Cohort::organizations, Cohort::eligibleAfter30Days));
            for (PlatformActivationQueries.Step step : PlatformActivationQueries.STEPS) {
                headers.add(step.name());
                columns.add(cohort -> cohort.reached().get(step.name()));
            }
            CsvDownload.of(headers, columns).write(response, "activation-cohorts.csv", cohorts);
            return null;
        }
        return cohorts;
    }

    @GetMapping("/feature-usage")
    FeatureUsage featureUsage(@RequestParam(required = false) String onboardedFrom,
                              @RequestParam(required = false) String onboardedTo,
                              @RequestParam(required = false) String organizationId,
                              @RequestParam(required = false) String format, HttpServletResponse response) {
        FeatureUsage usage = queries.featureUsage(filter(onboardedFrom, onboardedTo, organizationId));
        if (csv(format)) {
            List<String> headers = new ArrayList<>(List.of("organization_id", "name", "onboarded_at"));
            List<Function<OrganizationUsage, Object>> columns = new ArrayList<>(List.of(
                    OrganizationUsage::organizationId, OrganizationUsage::name, OrganizationUsage::onboardedAt));
            for (String feature : PlatformActivationQueries.FEATURES) {
                headers.add(feature);
                columns.add(row -> row.features().get(feature));
            }
            headers.addAll(List.of("page_views", "last_activity_at"));
            columns.add(OrganizationUsage::pageViews);
            columns.add(OrganizationUsage::lastActivityAt);
            CsvDownload.of(headers, columns).write(response, "feature-usage.csv", usage.perOrganization());
            return null;
        }
        return usage;
    }

    @GetMapping("/dashboard-usage")
    DashboardUsage dashboardUsage(@RequestParam(required = false) String onboardedFrom,
                                  @RequestParam(required = false) String onboardedTo,
                                  @RequestParam(required = false) String organizationId,
                                  @RequestParam(required = false) String idleDays,
                                  @RequestParam(required = false) String format, HttpServletResponse response) {
        DashboardUsage usage = queries.dashboardUsage(filter(onboardedFrom, onboardedTo, organizationId),
                Duration.ofDays(idleDays(idleDays)));
        if (csv(format)) {
            PAGES.write(response, "dashboard-usage.csv", usage.pages());
            return null;
        }
        return usage;
    }

    private Filter filter(String onboardedFrom, String onboardedTo, String organizationId) {
        LocalDate from = date("onboardedFrom", onboardedFrom);
        LocalDate to = date("onboardedTo", onboardedTo);
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadParameter("onboardedFrom", "is after onboardedTo");
        }
        String organization = organizationId == null || organizationId.isBlank() ? null : organizationId.strip();
        if (organization != null && !ORGANIZATION_ID.matcher(organization).matches()) {
            throw new BadParameter("organizationId", "is not an organization id");
        }
        return new Filter(clock.instant(), from, to, organization);
    }

    private static boolean csv(String format) {
        if (format == null || format.isBlank() || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw new BadParameter("format", "must be json or csv");
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

    private static int idleDays(String value) {
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

    /** A query parameter the endpoints cannot use: 400 naming it. */
    static final class BadParameter extends RefusedRequest {

        BadParameter(String parameter, String problem) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", "parameter '" + parameter + "' " + problem);
        }
    }
}
