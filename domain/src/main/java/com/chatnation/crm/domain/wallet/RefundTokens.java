package com.chatnation.crm.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back up to the amount charged under an earlier debit's reference id. */
public record RefundTokens(@TargetAggregateIdentifier String walletId, String referenceId, long amount, String reason) {
}
