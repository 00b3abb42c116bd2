package com.chatnation.crm.projections.organizations;

import com.chatnation.crm.domain.organization.PriceList;

import java.time.Instant;

/** One row of the {@code organizations} table. */
public record OrganizationRow(String id, String name, String phoneNumberId, String apiKeyHash,
                              long lowBalanceThreshold, PriceList priceList, Instant createdAt) {
}
