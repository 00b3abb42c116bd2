package com.chatnation.crm.application.payments;

import com.chatnation.crm.application.platform.security.CrmPrincipal;
import com.chatnation.crm.application.platform.web.KnownOrganizations;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.projections.queries.PaymentQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/v1/orgs/{orgId}")
@Tag(name = "Payments")
class PaymentsController {

    private static final Set<String> STATUSES = Set.of("requested", "initiated", "settled", "failed", "refund_due");

    private final KnownOrganizations organizations;
    private final PaymentQueries queries;
    private final PaymentRequests requests;
    private final PaymentProvider provider;
    private final TransactionalRetry transaction;
    private final BigDecimal tokenPrice;

    PaymentsController(KnownOrganizations organizations, PaymentQueries queries, PaymentRequests requests,
                       PaymentProvider provider, TransactionalRetry transaction,
                       @Value("${crm.payments.token-price:1}") BigDecimal tokenPrice) {
        this.organizations = organizations;
        this.queries = queries;
        this.requests = requests;
        this.provider = provider;
        this.transaction = transaction;
        this.tokenPrice = tokenPrice;
    }

    /** A top-up: the tokens to buy and the M-Pesa number to prompt for their price. */
    record TopUp(@NotBlank @Size(max = 32) String phone, @Min(1) @Max(250_000) long tokens) {
    }

    record TopUpStarted(String paymentId, long tokens, BigDecimal amount, String currency, String status) {
    }

    @GetMapping("/payments")
    @Operation(summary = "The organization's payments through M-Pesa, newest first; status filters them")
    public List<PaymentQueries.PaymentRow> payments(@PathVariable("orgId") String organizationId,
                                                    @RequestParam(required = false) String status,
                                                    @RequestParam(defaultValue = "100") int limit) {
        organizations.require(organizationId);
        if (status != null && !STATUSES.contains(status)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be one of " + STATUSES);
        }
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be from 1 to 1000");
        }
        return queries.recent(organizationId, status, limit);
    }

    @GetMapping("/payments/{paymentId}")
    @Operation(summary = "One payment and what became of it")
    public PaymentQueries.PaymentRow payment(@PathVariable("orgId") String organizationId,
                                             @PathVariable String paymentId) {
        organizations.require(organizationId);
        return queries.payment(organizationId, paymentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no payment " + paymentId));
    }

    @PostMapping("/wallet/top-ups")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Buy tokens with M-Pesa: the phone is prompted for their price, and the wallet is credited "
            + "once the payment is settled")
    public TopUpStarted topUp(@PathVariable("orgId") String organizationId, @Valid @RequestBody TopUp topUp,
                              @AuthenticationPrincipal CrmPrincipal caller) {
        organizations.require(organizationId);
        if (!provider.enabled()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "M-Pesa is not configured (crm.payments.mpesa.consumer-key)");
        }
        String phone = PhoneNumber.of(topUp.phone()).e164();
        BigDecimal amount = tokenPrice.multiply(BigDecimal.valueOf(topUp.tokens()));
        String paymentId = transaction.inTransaction(() -> requests.forTopUp(organizationId, caller.id(), phone,
                topUp.tokens(), tokenPrice, Instant.now()));
        return new TopUpStarted(paymentId, topUp.tokens(), amount, "KES", "requested");
    }
}
