package com.chatnation.crm.domain.wallet;

import org.axonframework.serialization.Revision;

/** A billable action could not be paid: recorded so analytics can count refusals. */
@Revision("1")
public record TokenDebitDeclined(String walletId, String organizationId, String module, String action, String referenceId, long amount, long availableBalance) implements WalletEvent {
}
