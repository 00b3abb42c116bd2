package com.chatnation.crm.domain.wallet;

import org.axonframework.serialization.Revision;

/** Part of a reservation was charged. */
@Revision("1")
public record ReservationCaptured(String walletId, String organizationId, String reservationId, long amount, String module, String action, long balanceAfter, long remainingInReservation) implements WalletEvent {
}
