package com.chatnation.crm.projections.crm.events;

import com.chatnation.crm.domain.ticketing.EventCreated;
import com.chatnation.crm.domain.ticketing.TicketAdmitted;
import com.chatnation.crm.domain.ticketing.TicketTypeAdded;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.queries.CheckInQueries;
import com.chatnation.crm.projections.queries.CheckInQueries.TypeCount;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tickets let in at the gates, and the gate's counts of issued and admitted tickets per type. */
class TicketAdmissionsProjectionTest {

    private static final String ORG = "org-1";
    private static final String EVENT = "ev-1";
    private static final String AMINA = "+254712345678";
    private static final Instant STARTS = Instant.parse("2025-06-01T09:00:00Z");
    private static final Instant IN_AT = Instant.parse("2025-06-01T09:41:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final CheckInQueries queries = new CheckInQueries(new NamedParameterJdbcTemplate(jdbc));
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new EventsProjection(jdbc));
    }

    private static History history() {
        return new History()
                .add(EVENT, new EventCreated(EVENT, ORG, "TechExpo", "KICC", STARTS))
                .add(EVENT, new TicketTypeAdded(EVENT, ORG, "vip", "VIP", new BigDecimal("5000"), "KES", 100, null,
                        STARTS))
                .add(EVENT, new TicketTypeAdded(EVENT, ORG, "regular", "Regular", new BigDecimal("2000"), "KES", 10,
                        null, STARTS))
                .add(EVENT, new TicketsIssued(EVENT, ORG, "res-1", "vip", TestContacts.id(AMINA), AMINA,
                        List.of("TECH-VIP-A1", "TECH-VIP-A2"), "mpesa-1", new BigDecimal("10000"), "KES"))
                .add("TECH-VIP-A1", new TicketAdmitted("TECH-VIP-A1", ORG, EVENT, "vip", "Gate A", "user-1", IN_AT));
    }

    @Test
    void anAdmissionIsARowWithItsGateWhoAndWhen() {
        projector.apply(history().events());

        assertThat(jdbc.queryForList("SELECT * FROM ticket_admissions")).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("ticket_code", "TECH-VIP-A1").containsEntry("organization_id", ORG)
                    .containsEntry("event_id", EVENT).containsEntry("ticket_type_id", "vip")
                    .containsEntry("gate", "Gate A").containsEntry("staff_id", "user-1");
            assertThat(((java.sql.Timestamp) row.get("admitted_at")).toInstant()).isEqualTo(IN_AT);
        });
    }

    @Test
    void countsAreIssuedAndAdmittedTicketsPerTypeInTheOrderTypesWereAdded() {
        projector.apply(history().events());

        assertThat(queries.counts(ORG, EVENT)).containsExactly(
                new TypeCount("vip", "VIP", 2, 1), new TypeCount("regular", "Regular", 0, 0));
        assertThat(queries.counts("org-2", EVENT)).as("another organization's event").isEmpty();
    }

    @Test
    void aRedeliveredAdmissionChangesNothing() {
        History history = history();
        projector.apply(history.events());
        Map<String, List<String>> once = Tables.snapshot(jdbc, EventsProjection.TABLES);

        projector.apply(history.get(4));

        assertThat(Tables.snapshot(jdbc, EventsProjection.TABLES)).isEqualTo(once);
        assertThat(EventsProjection.TABLES).contains("ticket_admissions");
    }
}
