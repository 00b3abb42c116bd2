package com.chatnation.crm.domain.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The provider says the money moved.
 *
 * @param receipt the provider's receipt (M-Pesa's MpesaReceiptNumber); null when only a status query answered,
 *                which does not carry it
 * @param source  how the answer came: {@code callback} or {@code status_query}
 */
public record SettlePayment(@TargetAggregateIdentifier String paymentId, String providerReference, String receipt,
                            BigDecimal amountPaid, String source, Instant at) {
}
