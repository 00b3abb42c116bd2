package com.chatnation.crm.domain.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The provider says the money did not move, or nobody answered in time.
 *
 * @param providerCode the provider's own result code (e.g. M-Pesa's 1032), kept for the organizer; may be null
 */
public record FailPayment(@TargetAggregateIdentifier String paymentId, PaymentFailure failure, String providerCode,
                          String description, String source, Instant at) {
}
