package com.chatnation.crm.domain.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Asks a payer for money through a provider. The caller supplies the id (a retried command is recognised) and the
 * times (the aggregate reads no clock).
 *
 * @param purposeId      the reservation (tickets) or the top-up (tokens) this pays for
 * @param eventId        the event whose reservation it is; null for a top-up
 * @param tokens         the tokens a top-up buys; 0 for tickets
 * @param payerId        the contact who pays, or for a top-up the staff member or key that asked
 * @param conversationId the contact's conversation, told of the outcome; null when nobody is to be told there
 * @param answerBy       when an unanswered payment is given up
 */
public record RequestPayment(@TargetAggregateIdentifier String paymentId, String organizationId, PaymentPurpose purpose,
                             String purposeId, String eventId, long tokens, BigDecimal amount, String currency,
                             String provider, String payerId, String payerPhone, String conversationId,
                             Instant requestedAt, Instant answerBy) {
}
