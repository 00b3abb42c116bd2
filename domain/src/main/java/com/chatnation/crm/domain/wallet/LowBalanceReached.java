package com.chatnation.crm.domain.wallet;

import org.axonframework.serialization.Revision;

/** The available balance fell below the organization's threshold (once per crossing). */
@Revision("1")
public record LowBalanceReached(String walletId, String organizationId, long threshold, long availableBalance) implements WalletEvent {
}
