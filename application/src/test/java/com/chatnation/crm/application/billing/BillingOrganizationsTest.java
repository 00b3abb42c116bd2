package com.chatnation.crm.application.billing;

import com.chatnation.crm.domain.organization.PriceList;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BillingOrganizationsTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final OrganizationDirectory directory = new OrganizationDirectory(null, null) {
        @Override
        public Optional<OrganizationRow> byId(String organizationId) {
            reads.incrementAndGet();
            return Optional.of(new OrganizationRow(organizationId, "Org", "pn-1", "hash", 0,
                    new PriceList(List.of()), Instant.EPOCH));
        }
    };
    private final BillingOrganizations organizations = new BillingOrganizations(directory, Duration.ofSeconds(5),
            nanos::get);

    @Test
    void reads_an_organization_once_while_it_is_fresh() {
        assertThat(organizations.byId("org-1")).map(OrganizationRow::phoneNumberId).contains("pn-1");
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        organizations.byId("org-1");

        assertThat(reads).hasValue(1);
    }

    @Test
    void reads_it_again_once_stale_so_a_new_price_list_applies() {
        organizations.byId("org-1");
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        organizations.byId("org-1");

        assertThat(reads).hasValue(2);
    }

    @Test
    void keeps_organizations_apart() {
        organizations.byId("org-1");
        organizations.byId("org-2");

        assertThat(reads).hasValue(2);
        assertThat(organizations.byId("org-2")).map(OrganizationRow::id).contains("org-2");
    }
}
