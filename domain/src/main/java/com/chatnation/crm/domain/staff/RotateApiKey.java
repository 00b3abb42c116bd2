package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a key's secret: the old one stops working, name and scopes stay. */
public record RotateApiKey(@TargetAggregateIdentifier String teamId, String keyId, String newKeyHash) {
}
