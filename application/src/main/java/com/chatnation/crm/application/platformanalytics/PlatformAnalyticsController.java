package com.chatnation.crm.application.platformanalytics;

import com.chatnation.crm.projections.analytics.PlatformActivationQueries;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Cohort;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.DashboardUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.FeatureUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Filter;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Funnel;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.StaffActions;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The platform's activation funnel over its organizations (see {@link PlatformActivationQueries}), as JSON or, with
 * {@code ?format=csv}, as CSV. Every endpoint takes {@code onboardedFrom} and {@code onboardedTo} (UTC days, both
 * included) and {@code organizationId} to narrow the organizations; figures are as of now.
 */
@RestController
@RequestMapping("/admin/analytics")
class PlatformAnalyticsController {

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
            PlatformReports.writeActivation(response, funnel);
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
            PlatformReports.writeCohorts(response, cohorts);
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
            PlatformReports.writeFeatures(response, usage);
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
                Duration.ofDays(PlatformReports.idleDays(idleDays)));
        if (csv(format)) {
            PlatformReports.writePages(response, usage);
            return null;
        }
        return usage;
    }

    /** What staff do on the dashboard and through the organization's API, per action (method and route pattern). */
    @GetMapping("/staff-actions")
    StaffActions staffActions(@RequestParam(required = false) String onboardedFrom,
                              @RequestParam(required = false) String onboardedTo,
                              @RequestParam(required = false) String organizationId,
                              @RequestParam(required = false) String format, HttpServletResponse response) {
        StaffActions actions = queries.staffActions(filter(onboardedFrom, onboardedTo, organizationId));
        if (csv(format)) {
            PlatformReports.writeActions(response, actions);
            return null;
        }
        return actions;
    }

    private Filter filter(String onboardedFrom, String onboardedTo, String organizationId) {
        return PlatformReports.filter(clock.instant(), onboardedFrom, onboardedTo, organizationId);
    }

    private static boolean csv(String format) {
        return PlatformReports.csv(format);
    }
}
