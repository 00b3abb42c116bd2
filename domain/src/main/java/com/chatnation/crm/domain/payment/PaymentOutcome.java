package com.chatnation.crm.domain.payment;

/**
 * Where a payment stands after a command, and whether that command moved it. A provider may deliver the same
 * answer twice (a callback and a status query, or a repeated callback): only the answer that changed something
 * is acted on.
 */
public record PaymentOutcome(PaymentState state, boolean changed) {
}
