package com.chatnation.crm.application.billing;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization spending and reserving its own tokens (billing staff, or an integration's write key). Crediting
 * tokens is the platform operator's, after a payment settles.
 */
@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/v1/orgs/{orgId}/wallet")
@Tag(name = "Wallet operations")
class WalletOperationsController {

    private final WalletService wallets;

    public WalletOperationsController(WalletService wallets) {
        this.wallets = wallets;
    }

    @PostMapping("/debits")
    @Operation(summary = "Charge a billable action; the same reference id debits once; 402 when the wallet cannot pay")
    public DebitOutcome debit(@PathVariable String orgId, @Valid @RequestBody Debit debit) {
        return wallets.debit(orgId, debit.module(), debit.action(), debit.referenceId(), debit.amount());
    }

    @PostMapping("/reservations")
    @Operation(summary = "Hold tokens for later work such as a broadcast")
    public WalletBalance reserve(@PathVariable String orgId, @Valid @RequestBody Reservation reservation) {
        return wallets.reserve(orgId, reservation.reservationId(), reservation.amount(), reservation.purpose());
    }

    @PostMapping("/reservations/{reservationId}/captures")
    @Operation(summary = "Charge part of an open reservation")
    public WalletBalance capture(@PathVariable String orgId, @PathVariable String reservationId,
                                 @Valid @RequestBody Capture capture) {
        return wallets.capture(orgId, reservationId, capture.amount(), capture.module(), capture.action());
    }

    @PostMapping("/reservations/{reservationId}/release")
    @Operation(summary = "Close a reservation, returning what it still holds")
    public WalletBalance release(@PathVariable String orgId, @PathVariable String reservationId) {
        return wallets.release(orgId, reservationId);
    }

    public record Debit(@NotBlank @Size(max = 64) String module, @NotBlank @Size(max = 64) String action,
                        @NotBlank @Size(max = 128) String referenceId, @Positive long amount) {
    }

    public record Reservation(@NotBlank @Size(max = 128) String reservationId, @Positive long amount,
                              @Size(max = 200) String purpose) {
    }

    public record Capture(@Positive long amount, @NotBlank @Size(max = 64) String module,
                          @NotBlank @Size(max = 64) String action) {
    }
}
