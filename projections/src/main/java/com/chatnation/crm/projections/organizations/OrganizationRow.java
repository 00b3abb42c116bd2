package com.chatnation.crm.projections.organizations;

import com.chatnation.crm.domain.organization.PriceList;

import java.time.Instant;

/** One row of the {@code organizations} table. {@code status} is {@value #ACTIVE} or {@value #SUSPENDED}. */
public record OrganizationRow(String id, String name, String phoneNumberId, String apiKeyHash,
                              long lowBalanceThreshold, PriceList priceList, Instant createdAt, String status) {

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";

    /** An active organization, as every organization was before suspension existed. */
    public OrganizationRow(String id, String name, String phoneNumberId, String apiKeyHash, long lowBalanceThreshold,
                           PriceList priceList, Instant createdAt) {
        this(id, name, phoneNumberId, apiKeyHash, lowBalanceThreshold, priceList, createdAt, ACTIVE);
    }

    public boolean suspended() {
        return SUSPENDED.equals(status);
    }
}
