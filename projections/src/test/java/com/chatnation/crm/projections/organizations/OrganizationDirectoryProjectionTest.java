package com.chatnation.crm.projections.organizations;

import com.chatnation.crm.domain.organization.OrganizationOnboarded;
import com.chatnation.crm.domain.organization.OrganizationResumed;
import com.chatnation.crm.domain.organization.OrganizationSuspended;
import com.chatnation.crm.domain.organization.PriceList;
import com.chatnation.crm.domain.organization.TokenPrice;
import com.chatnation.crm.domain.organization.UtilityToOptedOutChanged;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationDirectoryProjectionTest {

    private static final PriceList PRICES = new PriceList(List.of(new TokenPrice("surveys", "reply", 1)));

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final OrganizationDirectory directory = new OrganizationDirectory(jdbc, Tables.objectMapper());
    private Projector projector;

    @BeforeEach
    void setUp() {
        jdbc.execute("TRUNCATE TABLE organizations");
        projector = new Projector(new OrganizationDirectoryProjection(jdbc, Tables.objectMapper()));
    }

    private static History history() {
        return new History()
                .add("org-1", new OrganizationOnboarded("org-1", "Acme", "111", PRICES, 100, "h-1"))
                .add("org-1", new OrganizationSuspended("org-1", "unpaid invoice"))
                .add("org-1", new OrganizationResumed("org-1"));
    }

    @Test
    void anOnboardedOrganizationIsActive() {
        projector.apply(history().get(0));

        OrganizationRow row = directory.byId("org-1").orElseThrow();
        assertThat(row.status()).isEqualTo(OrganizationRow.ACTIVE);
        assertThat(row.suspended()).isFalse();
        assertThat(row.priceList()).isEqualTo(PRICES);
    }

    @Test
    void suspensionRecordsReasonAndTimeUntilResumed() {
        History history = history();
        projector.apply(history.events().subList(0, 2));

        Instant suspendedAt = history.timeOf(1);
        assertThat(directory.byPhoneNumberId("111")).map(OrganizationRow::suspended).contains(true);
        assertThat(jdbc.queryForMap("SELECT status, suspended_reason, suspended_at FROM organizations"))
                .containsEntry("status", "suspended").containsEntry("suspended_reason", "unpaid invoice")
                .containsEntry("suspended_at", Timestamp.from(suspendedAt));

        projector.apply(history.get(2));
        Map<String, Object> resumed = jdbc.queryForMap("SELECT status, suspended_reason, suspended_at FROM organizations");
        assertThat(resumed).containsEntry("status", "active");
        assertThat(resumed.get("suspended_reason")).isNull();
        assertThat(resumed.get("suspended_at")).isNull();
        assertThat(directory.byApiKeyHash("h-1")).map(OrganizationRow::suspended).contains(false);
    }

    @Test
    void anOnboardingRedeliveredLaterKeepsTheSuspension() {
        History history = history();
        projector.apply(history.events().subList(0, 2));
        projector.apply(history.get(0));

        assertThat(directory.byId("org-1")).map(OrganizationRow::suspended).contains(true);
    }

    @Test
    void rowsBuiltWithoutAStatusAreActive() {
        OrganizationRow row = new OrganizationRow("org-1", "Acme", "111", "h-1", 0, PRICES, Instant.EPOCH);
        assertThat(row.status()).isEqualTo(OrganizationRow.ACTIVE);
        assertThat(row.suspended()).isFalse();
    }

    @Test
    void utilityTemplatesGoToOptedOutContactsUntilTheOrganizationTurnsThatOff() {
        assertThat(directory.utilityToOptedOut("org-1")).isTrue(); // not onboarded yet
        History history = history()
                .add("org-1", new UtilityToOptedOutChanged("org-1", false))
                .add("org-1", new UtilityToOptedOutChanged("org-1", true));
        projector.apply(history.get(0));
        assertThat(directory.utilityToOptedOut("org-1")).isTrue();

        projector.apply(history.get(3));
        assertThat(directory.utilityToOptedOut("org-1")).isFalse();
        assertThat(jdbc.queryForObject("SELECT updated_at FROM organizations", Timestamp.class))
                .isEqualTo(Timestamp.from(history.timeOf(3)));

        projector.apply(history.get(4));
        assertThat(directory.utilityToOptedOut("org-1")).isTrue();
    }
}
