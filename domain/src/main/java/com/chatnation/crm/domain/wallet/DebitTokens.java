package com.chatnation.crm.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Charges a billable action. A reference id is charged at most once; an unaffordable debit is declined and recorded. */
public record DebitTokens(@TargetAggregateIdentifier String walletId, String module, String action, String referenceId, long amount) {
}
