package com.chatnation.crm.domain.wallet;

import org.axonframework.serialization.Revision;

/** Tokens charged under a reference id were given back. */
@Revision("1")
public record TokensRefunded(String walletId, String organizationId, String referenceId, long amount, long balanceAfter, String reason) implements WalletEvent {
}
