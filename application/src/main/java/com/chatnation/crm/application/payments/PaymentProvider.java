package com.chatnation.crm.application.payments;

import com.chatnation.crm.domain.payment.PaymentFailure;

import java.math.BigDecimal;
import java.net.URI;

/**
 * A way of taking money from a payer: ask their phone (or card page) for it, and answer later whether it came. M-Pesa
 * is the one the service has ({@link DarajaProvider}); a card acquirer would be another implementation with its own
 * callback endpoint feeding {@link PaymentAnswers}.
 */
public interface PaymentProvider {

    /** The name payments record as their provider, e.g. {@code mpesa}. */
    String name();

    /** Whether the provider is configured; without it nothing is asked of it. */
    boolean enabled();

    /** Asks the payer for the money; the answer comes later, by callback or {@link #status(String)}. */
    PushAnswer push(PushRequest request);

    /** What the provider knows now of a payment it accepted under {@code providerReference}. */
    StatusAnswer status(String providerReference);

    /**
     * @param phone            the payer's number in E.164
     * @param accountReference what the payer sees the payment is for (M-Pesa shows at most 12 characters)
     * @param callback         where the provider is to post its answer
     */
    record PushRequest(String paymentId, String phone, BigDecimal amount, String accountReference, String description,
                       URI callback) {
    }

    sealed interface PushAnswer {
        /** The provider is asking the payer, under its own reference. */
        record Accepted(String providerReference) implements PushAnswer {
        }

        /** The provider will not ask (a number not on M-Pesa, an amount it does not take): a final answer. */
        record Refused(String code, String description) implements PushAnswer {
        }

        /** The provider could not be reached or failed: asking again later may work. */
        record Unavailable(String description) implements PushAnswer {
        }
    }

    sealed interface StatusAnswer {
        record Paid() implements StatusAnswer {
        }

        record Failed(PaymentFailure failure, String code, String description) implements StatusAnswer {
        }

        /** Still with the payer, or the provider could not say: ask again later. */
        record Pending(String description) implements StatusAnswer {
        }
    }
}
