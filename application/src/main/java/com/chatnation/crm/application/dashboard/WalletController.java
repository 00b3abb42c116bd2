package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.WalletQueries;
import com.chatnation.crm.projections.queries.WalletQueries.AlertRow;
import com.chatnation.crm.projections.queries.WalletQueries.TransactionFilter;
import com.chatnation.crm.projections.queries.WalletQueries.TransactionRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import static com.chatnation.crm.application.platform.web.DashboardRequests.after;
import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;
import static com.chatnation.crm.application.platform.web.DashboardRequests.limit;
import static com.chatnation.crm.application.platform.web.DashboardRequests.notFound;
import static com.chatnation.crm.application.platform.web.DashboardRequests.range;

/** The calling organization's token wallet and its movements. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/wallet")
@Tag(name = "Dashboard: wallet")
@SecurityRequirement(name = "bearer")
class WalletController {

    static final int RECENT_ALERTS = 10;

    public record WalletView(long balance, long reserved, long available, long lowBalanceThreshold,
                             boolean belowThreshold, Instant updatedAt, List<AlertRow> recentAlerts) {
    }

    private final WalletQueries wallets;

    public WalletController(WalletQueries wallets) {
        this.wallets = wallets;
    }

    @GetMapping
    @Operation(summary = "Balance, reserved and available tokens, the low-balance threshold and the latest "
            + RECENT_ALERTS + " low-balance alerts")
    public WalletView wallet(@PathVariable String orgId) {
        var wallet = wallets.wallet(orgId).orElseThrow(() -> notFound("this organization has no wallet yet"));
        return new WalletView(wallet.balance(), wallet.reserved(), wallet.available(), wallet.lowBalanceThreshold(),
                wallet.available() < wallet.lowBalanceThreshold(), wallet.updatedAt(),
                wallets.recentAlerts(orgId, RECENT_ALERTS));
    }

    @GetMapping("/transactions")
    @Operation(summary = "Token movements, newest first",
            description = "Filter by type (purchase, debit, refund, reserve, release), module and a date range "
                    + "(from inclusive, to exclusive; a date as to includes that day). Keyset paginated.")
    public Page<TransactionRow> transactions(@PathVariable String orgId,
                                             @Parameter(description = "purchase, debit, refund, reserve or release") @RequestParam(required = false) String type,
                                             @Parameter(description = "module that spent the tokens, e.g. surveys") @RequestParam(required = false) String module,
                                             @Parameter(description = "ISO date or date-time, inclusive") @RequestParam(required = false) String from,
                                             @Parameter(description = "ISO date or date-time, exclusive") @RequestParam(required = false) String to,
                                             @RequestParam(required = false) String limit,
                                             @RequestParam(required = false) String after) {
        String kind = type == null || type.isBlank() ? null : type.strip().toLowerCase(Locale.ROOT);
        if (kind != null && !WalletQueries.TRANSACTION_TYPES.contains(kind)) {
            throw badRequest("unknown type '" + type + "': expected one of "
                    + String.join(", ", new TreeSet<>(WalletQueries.TRANSACTION_TYPES)));
        }
        String spentBy = module == null || module.isBlank() ? null : module.strip();
        if (spentBy != null && spentBy.length() > 64) {
            throw badRequest("module is longer than 64 characters");
        }
        var dates = range(from, to);
        return wallets.transactions(orgId, new TransactionFilter(kind, spentBy, dates.from(), dates.to()),
                after(after), limit(limit));
    }
}
