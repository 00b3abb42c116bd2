package com.chatnation.crm.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves the level below which the organization is warned. */
public record ChangeLowBalanceThreshold(@TargetAggregateIdentifier String walletId, long lowBalanceThreshold) {
}
