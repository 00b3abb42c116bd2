package com.chatnation.crm.domain.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The provider accepted the request under its own reference (M-Pesa's CheckoutRequestID). */
public record RecordPaymentInitiation(@TargetAggregateIdentifier String paymentId, String providerReference,
                                      Instant at) {
}
