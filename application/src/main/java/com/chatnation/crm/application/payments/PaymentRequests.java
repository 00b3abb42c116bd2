package com.chatnation.crm.application.payments;

import com.chatnation.crm.domain.payment.PaymentPurpose;
import com.chatnation.crm.domain.payment.RequestPayment;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Asking for money through M-Pesa: the payment is recorded in the caller's transaction, and the reconciler sends the
 * prompt to the payer's phone once it is committed. Without Daraja credentials nothing is asked, and tickets are paid
 * as before: by a reference the organizer confirms.
 */
@Service
public class PaymentRequests {

    private static final Duration HOLD_GRACE = Duration.ofMinutes(1);

    private final CommandGateway commands;
    private final PaymentProvider provider;
    private final Duration answerWithin;

    public PaymentRequests(CommandGateway commands, PaymentProvider provider,
                           @Value("${crm.payments.mpesa.answer-within:10m}") Duration answerWithin) {
        this.commands = commands;
        this.provider = provider;
        this.answerWithin = answerWithin;
    }

    /** Whether M-Pesa can take this payment at all: configured, in shillings, whole, from a Kenyan number. */
    public boolean canTake(BigDecimal amount, String currency, String phone) {
        return provider.enabled() && "KES".equals(currency) && amount != null && amount.signum() > 0
                && amount.stripTrailingZeros().scale() <= 0 && phone != null && phone.startsWith("+254");
    }

    /**
     * Prompts the contact's phone for a reservation's total. The payment is given up shortly after {@code holdEnds}
     * (the tickets are not held past it), or after {@code crm.payments.mpesa.answer-within} when that comes first.
     *
     * @return the payment's id, or empty when M-Pesa cannot take it ({@link #canTake})
     */
    public Optional<String> forReservation(String organizationId, String eventId, String reservationId,
                                           BigDecimal total, String currency, String contactId, String contactPhone,
                                           String conversationId, Instant at, Instant holdEnds) {
        if (!canTake(total, currency, contactPhone)) {
            return Optional.empty();
        }
        Instant answerBy = at.plus(answerWithin);
        // A minute past the hold: its expiry releases the tickets first, so a payment given up finds nothing held,
        // and an answer that comes just as the hold ends is still taken (the event accepts it until the expiry runs).
        if (holdEnds != null && holdEnds.plus(HOLD_GRACE).isBefore(answerBy)) {
            answerBy = holdEnds.plus(HOLD_GRACE);
        }
        String paymentId = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestPayment(paymentId, organizationId, PaymentPurpose.TICKETS, reservationId,
                eventId, 0, total.stripTrailingZeros().setScale(0), currency, provider.name(), contactId, contactPhone,
                conversationId, at, answerBy));
        return Optional.of(paymentId);
    }

    /** Prompts {@code phone} for a top-up of {@code tokens} tokens at {@code price} shillings each. */
    String forTopUp(String organizationId, String payerId, String phone, long tokens, BigDecimal price, Instant at) {
        String paymentId = UUID.randomUUID().toString();
        commands.sendAndWait(new RequestPayment(paymentId, organizationId, PaymentPurpose.TOKENS, paymentId, null, tokens,
                price.multiply(BigDecimal.valueOf(tokens)), "KES", provider.name(), payerId, phone, null, at,
                at.plus(answerWithin)));
        return paymentId;
    }
}
