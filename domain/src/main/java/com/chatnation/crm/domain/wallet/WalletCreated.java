package com.chatnation.crm.domain.wallet;

import org.axonframework.serialization.Revision;

/** The wallet exists, with a zero balance. */
@Revision("1")
public record WalletCreated(String walletId, String organizationId, long lowBalanceThreshold) implements WalletEvent {
}
