package com.chatnation.crm.application.payments;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.payment.FailPayment;
import com.chatnation.crm.domain.payment.PaymentFailure;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Instant;

/**
 * Gives up payments nobody wants any more, in the caller's transaction: the reconciler stops asking the provider about
 * them. The prompt already on the payer's phone cannot be withdrawn; should they pay it anyway, the late answer is
 * recorded and flagged for a refund, since what it paid for is gone.
 */
@Service
public class PaymentCancellations {

    static final String SOURCE = "contact";

    private final CommandGateway commands;
    private final PendingPayments payments;

    PaymentCancellations(CommandGateway commands, PendingPayments payments) {
        this.commands = commands;
        this.payments = payments;
    }

    /** The contact gave up the reservation: its open payment, if any, fails as cancelled by the payer. */
    public void giveUpForReservation(String reservationId, Instant at) {
        for (String paymentId : payments.openFor(reservationId)) {
            try {
                commands.sendAndWait(new FailPayment(paymentId, PaymentFailure.CANCELLED_BY_PAYER, null,
                        "the contact cancelled the reservation", SOURCE, at));
            } catch (DomainRuleViolation settled) {
                // the money moved a moment before: the organizer sees it as paid for a cancelled reservation
            }
        }
    }
}
