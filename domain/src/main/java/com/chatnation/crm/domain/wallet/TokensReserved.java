package com.chatnation.crm.domain.wallet;

import org.axonframework.serialization.Revision;

/** Tokens are held under a reservation and no longer available. */
@Revision("1")
public record TokensReserved(String walletId, String organizationId, String reservationId, long amount, String purpose, long reservedAfter) implements WalletEvent {
}
