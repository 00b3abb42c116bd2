package com.chatnation.crm.domain.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Brings a business onto the platform. Only the hash of its dashboard API key travels in the command,
 * so the key itself never reaches the event store.
 */
public record OnboardOrganization(@TargetAggregateIdentifier String organizationId, String name, String phoneNumberId,
                                  PriceList priceList, long lowBalanceThreshold, String apiKeyHash) {
}
