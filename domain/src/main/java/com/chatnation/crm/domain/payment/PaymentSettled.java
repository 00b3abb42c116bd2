package com.chatnation.crm.domain.payment;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The money moved. Carries what settlement acts on, so the process that issues tickets or credits tokens needs no
 * other read.
 *
 * @param afterFailure the payment had been given up (no answer in time) before this answer came: what it paid
 *                     for may be gone, and the organizer may owe a refund
 */
@Revision("1")
public record PaymentSettled(String paymentId, String organizationId, PaymentPurpose purpose, String purposeId,
                             String eventId, long tokens, String providerReference, String receipt, BigDecimal amount,
                             String currency, String source, boolean afterFailure, Instant at) implements PaymentEvent {
}
