package com.chatnation.crm.application.billing;

import com.chatnation.crm.domain.wallet.CaptureReservation;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import com.chatnation.crm.domain.wallet.DebitTokens;
import com.chatnation.crm.domain.wallet.PurchaseTokens;
import com.chatnation.crm.domain.wallet.RefundTokens;
import com.chatnation.crm.domain.wallet.ReleaseReservation;
import com.chatnation.crm.domain.wallet.ReserveTokens;
import com.chatnation.crm.domain.wallet.Wallet;
import com.chatnation.crm.domain.wallet.WalletId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/** Moves an organization's tokens through its Wallet aggregate and reads the wallet's current position. */
@Service
public class WalletService {

    private final CommandGateway commands;
    private final Configuration axon;

    public WalletService(CommandGateway commands, Configuration axon) {
        this.commands = commands;
        this.axon = axon;
    }

    public WalletBalance purchase(String organizationId, String paymentReference, long amount) {
        commands.sendAndWait(new PurchaseTokens(walletOf(organizationId), paymentReference, amount));
        return balance(organizationId);
    }

    /** Charges a billable action, throwing {@link InsufficientTokens} (after the refusal is recorded) when it cannot be paid. */
    public DebitOutcome debit(String organizationId, String module, String action, String referenceId, long amount) {
        DebitOutcome outcome = commands.sendAndWait(
                new DebitTokens(walletOf(organizationId), module, action, referenceId, amount));
        if (!outcome.paid()) {
            throw new InsufficientTokens(outcome);
        }
        return outcome;
    }

    public WalletBalance refund(String organizationId, String referenceId, long amount, String reason) {
        commands.sendAndWait(new RefundTokens(walletOf(organizationId), referenceId, amount, reason));
        return balance(organizationId);
    }

    public WalletBalance reserve(String organizationId, String reservationId, long amount, String purpose) {
        commands.sendAndWait(new ReserveTokens(walletOf(organizationId), reservationId, amount, purpose));
        return balance(organizationId);
    }

    public WalletBalance capture(String organizationId, String reservationId, long amount, String module, String action) {
        commands.sendAndWait(new CaptureReservation(walletOf(organizationId), reservationId, amount, module, action));
        return balance(organizationId);
    }

    public WalletBalance release(String organizationId, String reservationId) {
        commands.sendAndWait(new ReleaseReservation(walletOf(organizationId), reservationId));
        return balance(organizationId);
    }

    /** Straight from the aggregate's events (or its latest snapshot), so it is never behind a projection. */
    public WalletBalance balance(String organizationId) {
        Repository<Wallet> wallets = axon.repository(Wallet.class);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return wallets.load(walletOf(organizationId)).invoke(wallet -> new WalletBalance(organizationId,
                    wallet.balance(), wallet.reserved(), wallet.available(), wallet.lowBalanceThreshold()));
        } finally {
            unitOfWork.rollback(); // read only: nothing to commit, and it releases the aggregate lock
        }
    }

    private static String walletOf(String organizationId) {
        return WalletId.forOrganization(organizationId);
    }
}
