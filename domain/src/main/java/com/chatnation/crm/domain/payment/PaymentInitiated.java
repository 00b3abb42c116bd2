package com.chatnation.crm.domain.payment;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The provider is asking the payer; its answer comes by callback or status query under {@code providerReference}. */
@Revision("1")
public record PaymentInitiated(String paymentId, String organizationId, PaymentPurpose purpose, String purposeId,
                               String providerReference, Instant at) implements PaymentEvent {
}
