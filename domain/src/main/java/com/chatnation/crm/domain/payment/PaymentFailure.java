package com.chatnation.crm.domain.payment;

/** Why money did not move, in the provider's terms mapped to what the payer and the organizer can act on. */
public enum PaymentFailure {
    INSUFFICIENT_FUNDS("the M-Pesa balance was too low"),
    CANCELLED_BY_PAYER("the payment was cancelled on the phone"),
    WRONG_PIN("the PIN entered was wrong"),
    /** The prompt could not reach the phone, or it timed out there unanswered. */
    PAYER_UNREACHABLE("the phone did not answer the payment request in time"),
    /** The provider refused to start the payment (e.g. a number that is not on M-Pesa). */
    REJECTED("the payment could not be started"),
    /** Neither the provider's callback nor its status query gave an answer before the payment's deadline. */
    NO_ANSWER("no answer came from M-Pesa in time"),
    OTHER("the payment did not go through");

    private final String inWords;

    PaymentFailure(String inWords) {
        this.inWords = inWords;
    }

    /** What to tell the payer, completing "Your payment failed: …". */
    public String inWords() {
        return inWords;
    }
}
