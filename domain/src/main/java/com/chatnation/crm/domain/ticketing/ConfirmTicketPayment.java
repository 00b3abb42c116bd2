package com.chatnation.crm.domain.ticketing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** A payment for a reservation arrived; payment providers may deliver the same confirmation more than once. */
public record ConfirmTicketPayment(@TargetAggregateIdentifier String eventId, String reservationId,
                                   String paymentReference, BigDecimal amountPaid) {
}
