package com.chatnation.crm.domain.organization;

import org.axonframework.serialization.Revision;

/** A business joined the platform. */
@Revision("1")
public record OrganizationOnboarded(String organizationId, String name, String phoneNumberId, PriceList priceList,
                                    long lowBalanceThreshold, String apiKeyHash) {
}
