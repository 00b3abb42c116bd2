package com.chatnation.crm.application.payments;

import com.chatnation.crm.application.billing.WalletService;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.application.ticketing.TicketIssuing;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.payment.FailPayment;
import com.chatnation.crm.domain.payment.FlagPaymentForRefund;
import com.chatnation.crm.domain.payment.PaymentFailure;
import com.chatnation.crm.domain.payment.PaymentOutcome;
import com.chatnation.crm.domain.payment.PaymentPurpose;
import com.chatnation.crm.domain.payment.SettlePayment;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Instant;

/**
 * A provider's answer about a payment, and what follows from it, in one transaction: settled, the tickets are issued
 * and sent (or the tokens credited); failed, the tickets' hold is released and the contact told. The {@code Payment}
 * decides whether the answer is news: a repeated callback, or a status query answering what a callback already said,
 * changes nothing and does nothing.
 */
@Service
class PaymentAnswers {

    private static final Logger log = LoggerFactory.getLogger(PaymentAnswers.class);

    private final CommandGateway commands;
    private final TransactionalRetry transaction;
    private final PendingPayments payments;
    private final TicketIssuing tickets;
    private final WalletService wallets;

    PaymentAnswers(CommandGateway commands, TransactionalRetry transaction, PendingPayments payments,
                   TicketIssuing tickets, WalletService wallets) {
        this.commands = commands;
        this.transaction = transaction;
        this.payments = payments;
        this.tickets = tickets;
        this.wallets = wallets;
    }

    /** The money moved. Returns whether this answer was news. */
    boolean paid(String paymentId, String providerReference, String receipt, String source, Instant at) {
        return transaction.inTransaction(() -> {
            PendingPayments.Pending payment = payments.find(paymentId).orElse(null);
            if (payment == null) {
                return false;
            }
            PaymentOutcome outcome;
            try {
                outcome = commands.sendAndWait(new SettlePayment(paymentId, providerReference, receipt,
                        payment.amount(), source, at));
            } catch (DomainRuleViolation refused) {
                log.warn("payment {}: a success answer was not taken: {}", paymentId, refused.getMessage());
                return false;
            }
            if (outcome.changed()) {
                fulfil(payment, receipt == null ? providerReference : receipt);
            }
            return outcome.changed();
        });
    }

    /** No money moved. Returns whether this answer was news. */
    boolean failed(String paymentId, PaymentFailure failure, String providerCode, String description, String source,
                   Instant at) {
        return transaction.inTransaction(() -> {
            PendingPayments.Pending payment = payments.find(paymentId).orElse(null);
            if (payment == null) {
                return false;
            }
            PaymentOutcome outcome;
            try {
                outcome = commands.sendAndWait(new FailPayment(paymentId, failure, providerCode, description, source,
                        at));
            } catch (DomainRuleViolation settledAlready) {
                // the money moved before this answer (a late failure callback after a status query said paid)
                log.info("payment {}: a failure answer after settlement was ignored", paymentId);
                return false;
            }
            if (outcome.changed() && payment.purpose() == PaymentPurpose.TICKETS) {
                tickets.releaseUnpaid(payment.organizationId(), payment.purposeId(), failure.inWords());
            }
            return outcome.changed();
        });
    }

    private void fulfil(PendingPayments.Pending payment, String reference) {
        if (payment.purpose() == PaymentPurpose.TOKENS) {
            wallets.purchase(payment.organizationId(), payment.paymentId(), payment.tokens());
            return;
        }
        try {
            tickets.issue(payment.organizationId(), payment.purposeId(), reference, payment.amount());
        } catch (DomainRuleViolation gone) {
            // The hold ran out (or was cancelled) before the money came: nothing is left to give for it.
            commands.sendAndWait(new FlagPaymentForRefund(payment.paymentId(), gone.getMessage()));
            tickets.tellRefundDue(payment.organizationId(), payment.purposeId());
        }
    }
}
