package com.chatnation.crm.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens the organization's wallet with a zero balance. */
public record CreateWallet(@TargetAggregateIdentifier String walletId, String organizationId, long lowBalanceThreshold) {
}
