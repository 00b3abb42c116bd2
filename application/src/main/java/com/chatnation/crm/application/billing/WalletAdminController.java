package com.chatnation.crm.application.billing;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The platform operator credits wallets after a payment settles, and refunds. */
@RestController
@SecurityRequirement(name = "platformKey")
@RequestMapping("/admin/organizations/{organizationId}/wallet")
@Tag(name = "Platform: wallets")
class WalletAdminController {

    private final WalletService wallets;

    public WalletAdminController(WalletService wallets) {
        this.wallets = wallets;
    }

    @GetMapping
    @Operation(summary = "Balance, reserved and available tokens, read from the wallet's own events")
    public WalletBalance balance(@PathVariable String organizationId) {
        return wallets.balance(organizationId);
    }

    @PostMapping("/purchases")
    @Operation(summary = "Credit purchased tokens; the same payment reference credits once")
    public WalletBalance purchase(@PathVariable String organizationId, @Valid @RequestBody Purchase purchase) {
        return wallets.purchase(organizationId, purchase.paymentReference(), purchase.amount());
    }

    @PostMapping("/refunds")
    @Operation(summary = "Give back up to the amount of an earlier debit")
    public WalletBalance refund(@PathVariable String organizationId, @Valid @RequestBody Refund refund) {
        return wallets.refund(organizationId, refund.referenceId(), refund.amount(), refund.reason());
    }

    public record Purchase(@NotBlank @Size(max = 128) String paymentReference, @Positive long amount) {
    }

    public record Refund(@NotBlank @Size(max = 128) String referenceId, @Positive long amount,
                         @Size(max = 500) String reason) {
    }
}
