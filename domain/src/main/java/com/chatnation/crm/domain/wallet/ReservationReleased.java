package com.chatnation.crm.domain.wallet;

import org.axonframework.serialization.Revision;

/** A reservation was closed; what it still held is available again. */
@Revision("1")
public record ReservationReleased(String walletId, String organizationId, String reservationId, long amount, long reservedAfter) implements WalletEvent {
}
