package com.chatnation.crm.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Holds tokens for work that will be charged later, such as a broadcast. */
public record ReserveTokens(@TargetAggregateIdentifier String walletId, String reservationId, long amount, String purpose) {
}
