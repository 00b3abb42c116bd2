package com.chatnation.crm.domain.wallet;

import org.axonframework.serialization.Revision;

/** Purchased tokens were credited. */
@Revision("1")
public record TokensPurchased(String walletId, String organizationId, String paymentReference, long amount, long balanceAfter) implements WalletEvent {
}
