package com.chatnation.crm.domain.payment;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One request for money through a payment provider, from the ask to the provider's last word. A provider answers
 * more than once (a callback, a repeated callback, the answer to a status query) and in any order; this stream
 * decides which answer counts, so tickets are issued and tokens credited once, and a hold is released only when no
 * money moved.
 * <p>
 * Once money has moved the payment stays settled: a later failure report is refused. A success reported after
 * the payment was given up for lack of an answer is still recorded, since the payer's money did move; what it paid
 * for may be gone by then, which is what {@link PaymentRefundDue} tells the organizer.
 */
public class Payment {

    /** M-Pesa takes whole shillings up to this per transaction. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("250000");

    @AggregateIdentifier
    private String paymentId;
    private String organizationId;
    private PaymentPurpose purpose;
    private String purposeId;
    private String eventId;
    private long tokens;
    private BigDecimal amount;
    private String currency;
    private String conversationId;
    private PaymentState state;
    private String providerReference;
    private boolean refundFlagged;

    protected Payment() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Payment(RequestPayment command) {
        requireText(command.paymentId(), "payment id");
        requireText(command.organizationId(), "organization id");
        requireText(command.purposeId(), "purpose id");
        requireText(command.provider(), "provider");
        requireText(command.payerId(), "payer id");
        if (command.purpose() == null) {
            throw new DomainRuleViolation("missing_purpose", "what the payment is for is required");
        }
        if (command.purpose() == PaymentPurpose.TICKETS && (command.eventId() == null || command.eventId().isBlank())) {
            throw new DomainRuleViolation("missing_event", "a ticket payment names its event");
        }
        if (command.purpose() == PaymentPurpose.TOKENS && command.tokens() <= 0) {
            throw new DomainRuleViolation("invalid_tokens", "a top-up buys at least one token, was " + command.tokens());
        }
        BigDecimal amount = command.amount();
        if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0
                || amount.stripTrailingZeros().scale() > 0) {
            throw new DomainRuleViolation("invalid_amount", "M-Pesa takes whole amounts from 1 to "
                    + MAX_AMOUNT.toPlainString() + ", was " + (amount == null ? null : amount.toPlainString()));
        }
        if (!"KES".equals(command.currency())) {
            throw new DomainRuleViolation("unsupported_currency",
                    "M-Pesa payments are in KES, was '" + command.currency() + "'");
        }
        PhoneNumber payer = PhoneNumber.of(command.payerPhone());
        if (!payer.e164().startsWith("+254")) {
            throw new DomainRuleViolation("unsupported_phone", "M-Pesa pays from Kenyan numbers (+254…)");
        }
        if (command.requestedAt() == null || command.answerBy() == null || !command.answerBy().isAfter(command.requestedAt())) {
            throw new DomainRuleViolation("invalid_deadline", "a payment needs a time to be answered by, after it "
                    + "is requested");
        }
        apply(new PaymentRequested(command.paymentId(), command.organizationId(), command.purpose(),
                command.purposeId(), blankToNull(command.eventId()),
                command.purpose() == PaymentPurpose.TOKENS ? command.tokens() : 0, amount, command.currency(),
                command.provider(), command.payerId(), payer.e164(), blankToNull(command.conversationId()),
                command.requestedAt(), command.answerBy()));
    }

    @CommandHandler
    public PaymentOutcome handle(RecordPaymentInitiation command) {
        requireText(command.providerReference(), "provider reference");
        if (state != PaymentState.REQUESTED) {
            if (command.providerReference().equals(providerReference)) {
                return unchanged();
            }
            if (state == PaymentState.INITIATED) {
                throw new DomainRuleViolation("already_initiated", "payment '" + paymentId
                        + "' was already started under reference '" + providerReference + "'");
            }
            // Settled or failed before the initiation was recorded (a quick payer's callback won the race): the
            // answer is what counts.
            return unchanged();
        }
        apply(new PaymentInitiated(paymentId, organizationId, purpose, purposeId, command.providerReference(),
                command.at()));
        return new PaymentOutcome(state, true);
    }

    @CommandHandler
    public PaymentOutcome handle(SettlePayment command) {
        requireText(command.providerReference(), "provider reference");
        requireText(command.source(), "source");
        if (state == PaymentState.SETTLED) {
            if (Objects.equals(providerReference, command.providerReference())) {
                return unchanged();
            }
            throw new DomainRuleViolation("already_settled", "payment '" + paymentId + "' was already settled under '"
                    + providerReference + "'; a second payment for it is not taken");
        }
        if (command.amountPaid() == null || command.amountPaid().compareTo(amount) != 0) {
            throw new DomainRuleViolation("amount_mismatch", "payment '" + paymentId + "' asked for "
                    + amount.toPlainString() + " " + currency + " but the provider reports "
                    + (command.amountPaid() == null ? "no amount" : command.amountPaid().toPlainString()));
        }
        apply(new PaymentSettled(paymentId, organizationId, purpose, purposeId, eventId, tokens,
                command.providerReference(), blankToNull(command.receipt()), amount, currency, command.source(),
                state == PaymentState.FAILED, command.at()));
        return new PaymentOutcome(state, true);
    }

    @CommandHandler
    public PaymentOutcome handle(FailPayment command) {
        if (command.failure() == null) {
            throw new DomainRuleViolation("missing_failure", "why the payment failed is required");
        }
        requireText(command.source(), "source");
        if (state == PaymentState.SETTLED) {
            throw new DomainRuleViolation("already_settled", "payment '" + paymentId
                    + "' is settled; a failure reported after the money moved is ignored");
        }
        if (state == PaymentState.FAILED) {
            return unchanged();
        }
        apply(new PaymentFailed(paymentId, organizationId, purpose, purposeId, eventId, conversationId,
                command.failure(), blankToNull(command.providerCode()), blankToNull(command.description()),
                command.source(), command.at()));
        return new PaymentOutcome(state, true);
    }

    @CommandHandler
    public void handle(FlagPaymentForRefund command) {
        requireText(command.reason(), "reason");
        if (state != PaymentState.SETTLED) {
            throw new DomainRuleViolation("not_settled", "payment '" + paymentId + "' took no money to refund");
        }
        if (!refundFlagged) {
            apply(new PaymentRefundDue(paymentId, organizationId, purpose, purposeId, amount, currency,
                    command.reason().strip()));
        }
    }

    public PaymentState state() {
        return state;
    }

    private PaymentOutcome unchanged() {
        return new PaymentOutcome(state, false);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(PaymentRequested event) {
        paymentId = event.paymentId();
        organizationId = event.organizationId();
        purpose = event.purpose();
        purposeId = event.purposeId();
        eventId = event.eventId();
        tokens = event.tokens();
        amount = event.amount();
        currency = event.currency();
        conversationId = event.conversationId();
        state = PaymentState.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentInitiated event) {
        providerReference = event.providerReference();
        state = PaymentState.INITIATED;
    }

    @EventSourcingHandler
    void on(PaymentSettled event) {
        providerReference = event.providerReference();
        state = PaymentState.SETTLED;
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        state = PaymentState.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentRefundDue event) {
        refundFlagged = true;
    }
}
