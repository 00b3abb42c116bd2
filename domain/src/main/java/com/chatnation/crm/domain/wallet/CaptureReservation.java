package com.chatnation.crm.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Charges part (or all) of an open reservation. */
public record CaptureReservation(@TargetAggregateIdentifier String walletId, String reservationId, long amount, String module, String action) {
}
