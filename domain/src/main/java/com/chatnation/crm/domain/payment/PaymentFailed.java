package com.chatnation.crm.domain.payment;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PaymentFailed(String paymentId, String organizationId, PaymentPurpose purpose, String purposeId,
                            String eventId, String conversationId, PaymentFailure failure, String providerCode,
                            String description, String source, Instant at) implements PaymentEvent {
}
