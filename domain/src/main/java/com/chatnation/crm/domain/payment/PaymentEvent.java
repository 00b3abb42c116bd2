package com.chatnation.crm.domain.payment;

/** Every event of a {@link Payment}. */
public interface PaymentEvent {

    String paymentId();

    String organizationId();
}
