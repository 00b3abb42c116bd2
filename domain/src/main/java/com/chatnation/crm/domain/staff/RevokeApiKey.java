package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws a key for good. */
public record RevokeApiKey(@TargetAggregateIdentifier String teamId, String keyId) {
}
