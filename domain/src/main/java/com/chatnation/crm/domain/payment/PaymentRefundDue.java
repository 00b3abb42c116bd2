package com.chatnation.crm.domain.payment;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** The organizer owes the payer their money back; the payments page lists these. */
@Revision("1")
public record PaymentRefundDue(String paymentId, String organizationId, PaymentPurpose purpose, String purposeId,
                               BigDecimal amount, String currency, String reason) implements PaymentEvent {
}
