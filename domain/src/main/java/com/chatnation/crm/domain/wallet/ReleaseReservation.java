package com.chatnation.crm.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes a reservation and returns whatever it still holds to the available balance. */
public record ReleaseReservation(@TargetAggregateIdentifier String walletId, String reservationId) {
}
