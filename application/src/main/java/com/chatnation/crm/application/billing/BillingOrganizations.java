package com.chatnation.crm.application.billing;

import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The organizations the dispatcher sends and bills for (sending number, price list), kept for a few seconds.
 * Reading the row and its price list for every reply was a tenth of the dispatcher's CPU, and an organization's
 * prices change seldom: a new price list applies to the replies sent from at most
 * {@code crm.replies.organization-cache} after it was saved (prices were already those at sending time, not at
 * queueing time).
 */
@Component
class BillingOrganizations {

    private final LoadingCache<String, Optional<OrganizationRow>> organizations;

    @Autowired
    BillingOrganizations(OrganizationDirectory directory, RepliesProperties properties) {
        this(directory, properties.organizationCache(), Ticker.systemTicker());
    }

    BillingOrganizations(OrganizationDirectory directory, Duration freshFor, Ticker clock) {
        this.organizations = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(freshFor)
                .ticker(clock)
                .build(directory::byId);
    }

    Optional<OrganizationRow> byId(String organizationId) {
        return organizations.get(organizationId);
    }

    /** A resumed organization's held replies go out at once rather than after the cached row expires. */
    void forget(String organizationId) {
        organizations.invalidate(organizationId);
    }
}
