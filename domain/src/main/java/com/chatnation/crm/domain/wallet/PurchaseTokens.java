package com.chatnation.crm.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits purchased tokens. A payment reference credits at most once, however often it is sent. */
public record PurchaseTokens(@TargetAggregateIdentifier String walletId, String paymentReference, long amount) {
}
