package com.chatnation.crm.application.payments;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.application.platform.pages.DashboardPage;
import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.projections.queries.PaymentQueries;
import com.chatnation.crm.projections.queries.PaymentQueries.PaymentRow;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Payments taken through M-Pesa: what was asked, settled, failed (and why) or is owed back, newest first and as CSV;
 * and, for members who spend the wallet's money, a top-up that prompts an M-Pesa phone for the tokens' price.
 */
@DashboardPage
class PaymentsPage {

    private static final int ROWS = 200;
    private static final List<String> STATUSES = List.of("requested", "initiated", "settled", "failed", "refund_due");
    private static final CsvDownload<PaymentRow> CSV = CsvDownload.of(
            List.of("id", "purpose", "reservation_or_top_up", "event", "tokens", "amount", "currency", "payer",
                    "status", "provider_reference", "receipt", "answered_by", "failure", "refund_reason",
                    "requested_at", "settled_at", "failed_at"),
            List.<Function<PaymentRow, Object>>of(PaymentRow::paymentId, PaymentRow::purpose, PaymentRow::purposeId,
                    PaymentRow::eventId, PaymentRow::tokens, PaymentRow::amount, PaymentRow::currency,
                    PaymentRow::payerPhone, PaymentRow::status, PaymentRow::providerReference, PaymentRow::receipt,
                    PaymentRow::answeredBy, PaymentRow::failure, PaymentRow::refundReason, PaymentRow::requestedAt,
                    PaymentRow::settledAt, PaymentRow::failedAt));

    /** The top-up form. */
    record TopUpForm(String phone, String tokens) {
    }

    private final PaymentQueries payments;
    private final PaymentRequests requests;
    private final PaymentProvider provider;
    private final TransactionalRetry transaction;
    private final BigDecimal tokenPrice;

    PaymentsPage(PaymentQueries payments, PaymentRequests requests, PaymentProvider provider,
                 TransactionalRetry transaction, @Value("${crm.payments.token-price:1}") BigDecimal tokenPrice) {
        this.payments = payments;
        this.requests = requests;
        this.provider = provider;
        this.transaction = transaction;
        this.tokenPrice = tokenPrice;
    }

    @GetMapping("/app/payments")
    String list(@AuthenticationPrincipal CrmPrincipal caller, @RequestParam(required = false) String status,
                @RequestParam(required = false) String format, @RequestParam(required = false) String started,
                Model model, HttpServletResponse response) {
        String chosen = status != null && STATUSES.contains(status) ? status : null;
        if ("csv".equals(format)) {
            CSV.write(response, "payments.csv", payments.recent(caller.organizationId(), chosen, 10_000));
            return null;
        }
        show(caller, chosen, new TopUpForm("", ""), Map.of(), model);
        model.addAttribute("started", started != null && !started.isBlank());
        return "payments/list";
    }

    @PostMapping("/app/payments/top-ups")
    String topUp(@AuthenticationPrincipal CrmPrincipal caller, @ModelAttribute TopUpForm form, Model model,
                 HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String phone = null;
        try {
            phone = PhoneNumber.of(form.phone() == null ? "" : form.phone().strip()).e164();
        } catch (DomainRuleViolation notANumber) {
            errors.put("phone", "Enter the M-Pesa number in international form, e.g. +254712345678.");
        }
        long tokens = 0;
        try {
            tokens = Long.parseLong(form.tokens() == null ? "" : form.tokens().strip());
        } catch (NumberFormatException notANumber) {
            tokens = 0;
        }
        if (tokens < 1 || tokens > 250_000) {
            errors.put("tokens", "Buy from 1 to 250,000 tokens at a time.");
        }
        if (!provider.enabled()) {
            errors.put("form", "M-Pesa is not set up for this service.");
        }
        if (errors.isEmpty()) {
            String payer = phone;
            long bought = tokens;
            try {
                String paymentId = transaction.inTransaction(() -> requests.forTopUp(caller.organizationId(),
                        caller.id(), payer, bought, tokenPrice, Instant.now()));
                return "redirect:/app/payments?started=" + paymentId;
            } catch (DomainRuleViolation refused) {
                errors.put("form", refused.getMessage());
            }
        }
        response.setStatus(errors.containsKey("form") ? HttpStatus.UNPROCESSABLE_ENTITY.value()
                : HttpStatus.BAD_REQUEST.value());
        show(caller, null, form, errors, model);
        model.addAttribute("started", false);
        return "payments/list";
    }

    private void show(CrmPrincipal caller, String status, TopUpForm form, Map<String, String> errors, Model model) {
        model.addAttribute("totals", payments.totals(caller.organizationId()));
        model.addAttribute("payments", payments.recent(caller.organizationId(), status, ROWS));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("status", status);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("mpesa", provider.enabled());
        model.addAttribute("tokenPrice", tokenPrice);
    }
}
