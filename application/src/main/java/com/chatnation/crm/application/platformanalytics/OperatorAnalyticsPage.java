package com.chatnation.crm.application.platformanalytics;

import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.DashboardUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.FeatureUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Filter;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Funnel;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.StepFigures;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The platform operator's analytics page: the activation funnel (a chart of the organizations reaching each step,
 * and its table), the weekly cohorts, feature usage per organization and per feature, the dashboard's use per
 * page and what staff did (actions), over the organizations the filters choose. The same filters, queries and CSV
 * files as the operator's API ({@link PlatformReports}); each table downloads as CSV with
 * {@code ?format=csv&table=…}.
 */
@DashboardPage
class OperatorAnalyticsPage {

    static final List<String> TABLES = List.of("activation", "cohorts", "features", "feature-summary", "pages",
            "actions");

    /** The filters as typed, written back into the form and into the CSV links; never null, so links stay clean. */
    record Filters(String onboardedFrom, String onboardedTo, String organizationId, String idleDays) {

        static Filters of(String onboardedFrom, String onboardedTo, String organizationId, String idleDays) {
            return new Filters(typed(onboardedFrom), typed(onboardedTo), typed(organizationId), typed(idleDays));
        }

        private static String typed(String value) {
            return value == null ? "" : value.strip();
        }
    }

    private final PlatformActivationQueries queries;
    private final PageJson json;
    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();

    OperatorAnalyticsPage(PlatformActivationQueries queries, PageJson json, MessageSource messages) {
        this.queries = queries;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/operator/analytics")
    String analytics(@RequestParam(required = false) String onboardedFrom,
                     @RequestParam(required = false) String onboardedTo,
                     @RequestParam(required = false) String organizationId,
                     @RequestParam(required = false) String idleDays,
                     @RequestParam(required = false) String format, @RequestParam(required = false) String table,
                     Model model, HttpServletResponse response) {
        Filters filters = Filters.of(onboardedFrom, onboardedTo, organizationId, idleDays);
        model.addAttribute("filters", filters);
        model.addAttribute("tables", TABLES);
        Filter filter;
        Duration idle;
        try {
            filter = PlatformReports.filter(clock.instant(), onboardedFrom, onboardedTo, organizationId);
            idle = Duration.ofDays(PlatformReports.idleDays(idleDays));
            if (PlatformReports.csv(format)) {
                download(table, filter, idle, response);
                return null;
            }
        } catch (PlatformReports.BadParameter refused) {
            // the form stays as typed, with the reason above it and no figures
            response.setStatus(refused.status().value());
            model.addAttribute("refusal", refused.getMessage());
            return "platformanalytics/operator-analytics";
        }
        Funnel funnel = queries.funnel(filter);
        FeatureUsage features = queries.featureUsage(filter);
        DashboardUsage pages = queries.dashboardUsage(filter, idle);
        model.addAttribute("funnel", funnel);
        model.addAttribute("chart", json.write(chart(funnel)));
        model.addAttribute("cohorts", queries.cohorts(filter));
        model.addAttribute("steps", PlatformActivationQueries.STEPS.stream().map(PlatformActivationQueries.Step::name)
                .toList());
        model.addAttribute("features", features);
        model.addAttribute("featureNames", PlatformActivationQueries.FEATURES);
        model.addAttribute("pages", pages);
        model.addAttribute("actions", queries.staffActions(filter));
        return "platformanalytics/operator-analytics";
    }

    private void download(String table, Filter filter, Duration idle, HttpServletResponse response) {
        String chosen = table == null || table.isBlank() ? "activation" : table.strip();
        switch (chosen) {
            case "activation" -> PlatformReports.writeActivation(response, queries.funnel(filter));
            case "cohorts" -> PlatformReports.writeCohorts(response, queries.cohorts(filter));
            case "features" -> PlatformReports.writeFeatures(response, queries.featureUsage(filter));
            case "feature-summary" -> PlatformReports.writeFeatureSummary(response, queries.featureUsage(filter));
            case "pages" -> PlatformReports.writePages(response, queries.dashboardUsage(filter, idle));
            case "actions" -> PlatformReports.writeActions(response, queries.staffActions(filter));
            default -> throw new PlatformReports.BadParameter("table", "must be one of " + String.join(", ", TABLES));
        }
    }

    private ChartData chart(Funnel funnel) {
        String reached = messages.getMessage("operator.chart.reached", null, LocaleContextHolder.getLocale());
        return new ChartData("bar", funnel.steps().stream().map(StepFigures::step).toList(),
                List.of(new ChartData.Series(reached, funnel.steps().stream().map(StepFigures::reached).toList())));
    }
}
