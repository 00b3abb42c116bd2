package com.chatnation.crm.domain.payment;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/** Money was asked for; the provider is yet to be told. */
@Revision("1")
public record PaymentRequested(String paymentId, String organizationId, PaymentPurpose purpose, String purposeId,
                               String eventId, long tokens, BigDecimal amount, String currency, String provider,
                               @DataSubject String payerId, @PersonalData String payerPhone, String conversationId,
                               Instant requestedAt, Instant answerBy) implements PaymentEvent {
}
