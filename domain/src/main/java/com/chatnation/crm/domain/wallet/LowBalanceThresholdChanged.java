package com.chatnation.crm.domain.wallet;

import org.axonframework.serialization.Revision;

/** The warning level moved. */
@Revision("1")
public record LowBalanceThresholdChanged(String walletId, String organizationId, long lowBalanceThreshold) implements WalletEvent {
}
