package com.chatnation.crm.domain.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the organization's price list; later charges use the new prices. */
public record ChangePriceList(@TargetAggregateIdentifier String organizationId, PriceList priceList) {
}
