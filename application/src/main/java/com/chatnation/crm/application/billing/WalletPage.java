package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.pages.ChartData;
import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.pages.PageCursor;
import com.chatnation.crm.application.platform.pages.DateRangeForm;
import com.chatnation.crm.application.platform.pages.EveryRow;
import com.chatnation.crm.application.platform.pages.PageJson;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.projections.analytics.DailyRollupQueries;
import com.chatnation.crm.projections.analytics.DailyRollupQueries.RollupRow;
import com.chatnation.crm.projections.analytics.RollupMetrics;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.WalletQueries;
import com.chatnation.crm.projections.queries.WalletQueries.TransactionFilter;
import com.chatnation.crm.projections.queries.WalletQueries.TransactionRow;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The wallet: what is left, the ledger with its filters (and as CSV), what the tokens were spent on, held replies
 * and low-balance alerts. Reading only: buying tokens goes through the platform's M-Pesa purchases.
 */
@DashboardPage
class WalletPage {

    private static final int ROWS_PER_PAGE = 50;
    /** A CSV export reads the ledger in chunks of this many rows. */
    private static final int EXPORT_CHUNK = 1000;

    private static final CsvDownload<TransactionRow> LEDGER = CsvDownload.of(
            List.of("time", "type", "module", "action", "amount", "balance_after", "reserved_after", "reference",
                    "reservation", "description"),
            List.<Function<TransactionRow, Object>>of(TransactionRow::createdAt, TransactionRow::type,
                    TransactionRow::module, TransactionRow::action, TransactionRow::amount,
                    TransactionRow::balanceAfter, TransactionRow::reservedAfter, TransactionRow::referenceId,
                    TransactionRow::reservationId, TransactionRow::description));

    private static final CsvDownload<Map.Entry<String, Long>> USAGE = CsvDownload.of(List.of("module/action", "tokens"),
            List.<Function<Map.Entry<String, Long>, Object>>of(Map.Entry::getKey, Map.Entry::getValue));

    private final WalletQueries wallets;
    private final DailyRollupQueries rollups;
    private final PageJson json;
    private final Clock clock = Clock.systemUTC();

    WalletPage(WalletQueries wallets, DailyRollupQueries rollups, PageJson json) {
        this.wallets = wallets;
        this.rollups = rollups;
        this.json = json;
    }

    @GetMapping("/app/wallet")
    String wallet(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String range,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String type, @RequestParam(required = false) String module,
                  @RequestParam(required = false) String cursor, @RequestParam(required = false) String format,
                  @RequestParam(required = false) String table,
                  Model model, HttpServletResponse response) {
        String organization = caller.organizationId();
        DateRangeForm period = DateRangeForm.parse(range, from, to, clock);
        String chosenType = type != null && WalletQueries.TRANSACTION_TYPES.contains(type) ? type : null;
        String chosenModule = module == null || module.isBlank() ? null : module.strip();
        TransactionFilter filter = new TransactionFilter(chosenType, chosenModule,
                period.from().atStartOfDay().toInstant(ZoneOffset.UTC),
                period.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        if ("csv".equals(format) && "usage".equals(table)) {
            USAGE.write(response, "wallet-usage-" + period.from() + "-" + period.to() + ".csv",
                    spentByUse(organization, period).entrySet());
            return null;
        }
        if ("csv".equals(format)) {
            LEDGER.write(response, "wallet-" + period.from() + "-" + period.to() + ".csv", EveryRow.of(after -> wallets.transactions(organization, filter, after, EXPORT_CHUNK)));
            return null;
        }
        model.addAttribute("range", period);
        model.addAttribute("type", chosenType);
        model.addAttribute("module", chosenModule);
        model.addAttribute("types", WalletQueries.TRANSACTION_TYPES.stream().sorted().toList());
        model.addAttribute("wallet", wallets.wallet(organization).orElse(null));
        model.addAttribute("alerts", wallets.recentAlerts(organization, 5));
        Page<TransactionRow> ledger = wallets.transactions(organization, filter, PageCursor.parse(cursor), ROWS_PER_PAGE);
        model.addAttribute("ledger", ledger);

        Map<String, Long> byUse = spentByUse(organization, period);
        long held = rollups.rows(organization, period.from(), period.to(), List.of(RollupMetrics.REPLIES_HELD))
                .stream().mapToLong(row -> row.value().longValue()).sum();
        model.addAttribute("held", held);
        model.addAttribute("usage", json.write(new ChartData("bar", new ArrayList<>(byUse.keySet()),
                List.of(new ChartData.Series("tokens", new ArrayList<>(byUse.values()))))));
        model.addAttribute("usageRows", byUse);
        return "billing/wallet";
    }

    /** Tokens spent in the period by {@code module/action}. */
    private Map<String, Long> spentByUse(String organization, DateRangeForm period) {
        Map<String, Long> byUse = new TreeMap<>();
        for (RollupRow row : rollups.rows(organization, period.from(), period.to(), List.of(RollupMetrics.TOKENS_SPENT))) {
            byUse.merge(row.dimension().isEmpty() ? "other" : row.dimension(), row.value().longValue(), Long::sum);
        }
        return byUse;
    }
}
