package com.chatnation.crm.application.wallet;

import com.chatnation.crm.domain.wallet.DebitOutcome;
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

@RestController
@RequestMapping("/admin/organizations/{organizationId}/wallet")
@Tag(name = "Admin: wallets")
public class WalletAdminController {

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

    @PostMapping("/debits")
    @Operation(summary = "Charge a billable action; the same reference id debits once; 402 when the wallet cannot pay")
    public DebitOutcome debit(@PathVariable String organizationId, @Valid @RequestBody Debit debit) {
        return wallets.debit(organizationId, debit.module(), debit.action(), debit.referenceId(), debit.amount());
    }

    @PostMapping("/refunds")
    @Operation(summary = "Give back up to the amount of an earlier debit")
    public WalletBalance refund(@PathVariable String organizationId, @Valid @RequestBody Refund refund) {
        return wallets.refund(organizationId, refund.referenceId(), refund.amount(), refund.reason());
    }

    @PostMapping("/reservations")
    @Operation(summary = "Hold tokens for later work such as a broadcast")
    public WalletBalance reserve(@PathVariable String organizationId, @Valid @RequestBody Reservation reservation) {
        return wallets.reserve(organizationId, reservation.reservationId(), reservation.amount(), reservation.purpose());
    }

    @PostMapping("/reservations/{reservationId}/captures")
    @Operation(summary = "Charge part of an open reservation")
    public WalletBalance capture(@PathVariable String organizationId, @PathVariable String reservationId,
                                 @Valid @RequestBody Capture capture) {
        return wallets.capture(organizationId, reservationId, capture.amount(), capture.module(), capture.action());
    }

    @PostMapping("/reservations/{reservationId}/release")
    @Operation(summary = "Close a reservation, returning what it still holds")
    public WalletBalance release(@PathVariable String organizationId, @PathVariable String reservationId) {
        return wallets.release(organizationId, reservationId);
    }

    public record Purchase(@NotBlank @Size(max = 128) String paymentReference, @Positive long amount) {
    }

    public record Debit(@NotBlank @Size(max = 64) String module, @NotBlank @Size(max = 64) String action,
                        @NotBlank @Size(max = 128) String referenceId, @Positive long amount) {
    }

    public record Refund(@NotBlank @Size(max = 128) String referenceId, @Positive long amount,
                         @Size(max = 500) String reason) {
    }

    public record Reservation(@NotBlank @Size(max = 128) String reservationId, @Positive long amount,
                              @Size(max = 200) String purpose) {
    }

    public record Capture(@Positive long amount, @NotBlank @Size(max = 64) String module,
                          @NotBlank @Size(max = 64) String action) {
    }
}
