package com.chatnation.crm.application.payments;

import com.chatnation.crm.application.platform.executors.PollingLoop;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.payment.PaymentFailure;
import com.chatnation.crm.domain.payment.RecordPaymentInitiation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Moves every open payment on without waiting for anyone: a requested payment is sent to the provider (the payer's
 * phone rings); a payment whose callback is late is asked about (Daraja's status query), again every
 * {@code query-every} while Daraja says it is still with the payer; and one with no final answer by its deadline is
 * given up, which releases what it held. Callbacks that never come (Daraja does not retry them) cost nothing but time.
 * <p>
 * Due payments are leased before the provider is called (their next look pushed past the call), in a transaction of
 * their own: no database transaction waits on the network, and two instances never call about the same payment.
 */
@Component
class PaymentReconciler extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final PendingPayments payments;
    private final PaymentProvider provider;
    private final PaymentAnswers answers;
    private final CallbackAddresses addresses;
    private final CommandGateway commands;
    private final TransactionalRetry transaction;
    private final MpesaSettings settings;

    PaymentReconciler(PendingPayments payments, PaymentProvider provider, PaymentAnswers answers,
                      CallbackAddresses addresses, CommandGateway commands, TransactionalRetry transaction,
                      MpesaSettings settings, @Value("${crm.payments.poll-interval:2s}") Duration interval) {
        super("payments", interval);
        this.payments = payments;
        this.provider = provider;
        this.answers = answers;
        this.addresses = addresses;
        this.commands = commands;
        this.transaction = transaction;
        this.settings = settings;
    }

    @Override
    protected void pass() {
        reconcile(Instant.now());
    }

    /** One look at every payment due at {@code now}; returns how many were looked at. */
    int reconcile(Instant now) {
        List<PendingPayments.Pending> due = transaction.inTransaction(() -> {
            List<PendingPayments.Pending> claimed = payments.claimDue(now, BATCH);
            claimed.forEach(payment -> payments.lookAgainAt(payment.paymentId(), now.plus(LEASE)));
            return claimed;
        });
        for (PendingPayments.Pending payment : due) {
            try {
                look(payment, now);
            } catch (RuntimeException failed) {
                log.warn("payment {}: reconciling failed, tried again at its next look", payment.paymentId(), failed);
            }
        }
        return due.size();
    }

    private void look(PendingPayments.Pending payment, Instant now) {
        if (!payment.initiated()) {
            if (!now.isBefore(payment.answerBy())) {
                answers.failed(payment.paymentId(), PaymentFailure.NO_ANSWER, null,
                        "the payment could not be started before its deadline", "reconciler", now);
                return;
            }
            start(payment, now);
            return;
        }
        PaymentProvider.StatusAnswer answer = provider.status(payment.providerReference());
        if (answer instanceof PaymentProvider.StatusAnswer.Paid) {
            answers.paid(payment.paymentId(), payment.providerReference(), null, "status_query", now);
        } else if (answer instanceof PaymentProvider.StatusAnswer.Failed failed) {
            answers.failed(payment.paymentId(), failed.failure(), failed.code(), failed.description(), "status_query",
                    now);
        } else if (!now.isBefore(payment.answerBy())) {
            answers.failed(payment.paymentId(), PaymentFailure.NO_ANSWER, null,
                    "no answer from M-Pesa by " + payment.answerBy(), "reconciler", now);
        } else {
            payments.lookAgainAt(payment.paymentId(), earliest(now.plus(settings.queryEvery()), payment.answerBy()));
        }
    }

    private void start(PendingPayments.Pending payment, Instant now) {
        PaymentProvider.PushAnswer answer = provider.push(new PaymentProvider.PushRequest(payment.paymentId(),
                payment.payerPhone(), payment.amount(), payment.accountReference(), "Payment",
                addresses.of(payment.paymentId())));
        if (answer instanceof PaymentProvider.PushAnswer.Accepted accepted) {
            transaction.inTransaction(() -> {
                try {
                    commands.sendAndWait(new RecordPaymentInitiation(payment.paymentId(), accepted.providerReference(),
                            now));
                } catch (DomainRuleViolation started) {
                    log.warn("payment {}: {}", payment.paymentId(), started.getMessage());
                }
                payments.lookAgainAt(payment.paymentId(), earliest(now.plus(settings.callbackWait()),
                        payment.answerBy()));
            });
        } else if (answer instanceof PaymentProvider.PushAnswer.Refused refused) {
            answers.failed(payment.paymentId(), PaymentFailure.REJECTED, refused.code(), refused.description(),
                    "provider", now);
        } else {
            log.warn("payment {}: M-Pesa unavailable, asking again: {}", payment.paymentId(),
                    ((PaymentProvider.PushAnswer.Unavailable) answer).description());
            payments.lookAgainAt(payment.paymentId(), earliest(now.plus(settings.queryEvery()), payment.answerBy()));
        }
    }

    private static Instant earliest(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }
}
