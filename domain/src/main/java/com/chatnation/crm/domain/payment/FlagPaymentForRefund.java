package com.chatnation.crm.domain.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Settled money paid for something that can no longer be given (e.g. a hold released meanwhile). */
public record FlagPaymentForRefund(@TargetAggregateIdentifier String paymentId, String reason) {
}
