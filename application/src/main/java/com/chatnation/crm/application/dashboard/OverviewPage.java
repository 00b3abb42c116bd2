package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.DateRangeForm;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.security.Permission;
import com.chatnation.crm.projections.analytics.DailyRollupQueries;
import com.chatnation.crm.projections.analytics.RollupMetrics;
import com.chatnation.crm.projections.queries.OverviewQueries;
import com.chatnation.crm.projections.queries.WalletQueries;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.util.List;

/**
 * The first page after login: the organization's day, week or month at a glance. Each part shows only to members
 * who may read what it summarizes: activity to those who read analytics, the wallet to those who read it.
 */
@DashboardPage
class OverviewPage {

    private final DailyRollupQueries rollups;
    private final WalletQueries wallets;
    private final OverviewQueries overview;
    private final PageJson json;
    private final Clock clock = Clock.systemUTC();

    OverviewPage(DailyRollupQueries rollups, WalletQueries wallets, OverviewQueries overview, PageJson json) {
        this.json = json;
        this.rollups = rollups;
        this.wallets = wallets;
        this.overview = overview;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/app";
    }

    @GetMapping("/app")
    String overview(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String range,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    Model model) {
        DateRangeForm period = DateRangeForm.parse(range, from, to, clock);
        model.addAttribute("range", period);
        String organization = caller.organizationId();
        if (caller.may(Permission.ANALYTICS_READ)) {
            DailyFigures figures = DailyFigures.of(rollups.rows(organization, period.from(), period.to(), List.of()),
                    period.from(), period.to());
            model.addAttribute("figures", figures);
            model.addAttribute("activity", json.write(new ChartData("line", figures.dayLabels(), List.of(
                    new ChartData.Series("in", figures.perDay(RollupMetrics.MESSAGES_IN)),
                    new ChartData.Series("out", figures.perDay(RollupMetrics.MESSAGES_OUT))))));
        }
        if (caller.may(Permission.CONTACTS_READ)) {
            model.addAttribute("activeConversations", overview.activeConversations(organization));
            model.addAttribute("openHandovers", overview.openHandovers(organization));
        }
        if (caller.may(Permission.WALLET_READ)) {
            wallets.wallet(organization).ifPresent(wallet -> {
                // the spending rate is always the last 7 days, whatever range the page shows
                DateRangeForm week = DateRangeForm.parse("7d", null, null, clock);
                DailyFigures spent = DailyFigures.of(rollups.rows(organization, week.from(), week.to(),
                        List.of(RollupMetrics.TOKENS_SPENT)), week.from(), week.to());
                model.addAttribute("wallet", WalletOutlook.of(wallet, spent.total(RollupMetrics.TOKENS_SPENT), 7));
                // the chart follows the page's range
                DailyFigures inRange = period.equals(week) ? spent : DailyFigures.of(rollups.rows(organization,
                        period.from(), period.to(), List.of(RollupMetrics.TOKENS_SPENT)), period.from(), period.to());
                model.addAttribute("spend", json.write(new ChartData("bar", inRange.dayLabels(), List.of(
                        new ChartData.Series("tokens", inRange.perDay(RollupMetrics.TOKENS_SPENT))))));
            });
        }
        return "dashboard/overview";
    }
}
