package com.chatnation.crm.projections.queries;

import com.chatnation.crm.domain.ticketing.EventCreated;
import com.chatnation.crm.domain.ticketing.PaidTicketsCancelled;
import com.chatnation.crm.domain.ticketing.ParticipantRegistered;
import com.chatnation.crm.domain.ticketing.TicketAdmitted;
import com.chatnation.crm.domain.ticketing.TicketReservationExpired;
import com.chatnation.crm.domain.ticketing.TicketTypeAdded;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.ticketing.TicketsReserved;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.crm.events.EventsProjection;
import com.chatnation.crm.projections.queries.EventFunnelQueries.EventFunnel;
import com.chatnation.crm.projections.queries.EventFunnelQueries.FunnelRow;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's funnel counts contacts, not tickets: a free registration counts as registered only, a contact who held
 * tickets twice is reserved once, a purchase the organizer cancelled still counts as paid, and only an admitted ticket
 * makes its holder checked in.
 */
class EventFunnelQueriesTest {

    private static final String ORG = "org-1";
    private static final String EVENT = "ev-1";
    private static final String AMINA = "+254712345678";
    private static final String BARAKA = "+254722000111";
    private static final String CHAO = "+254733000222";
    private static final String DUMA = "+254744000333";
    private static final Instant EXPIRES = Instant.parse("2025-03-01T09:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final EventFunnelQueries queries = new EventFunnelQueries(new NamedParameterJdbcTemplate(jdbc));

    @BeforeEach
    void history() {
        Tables.clear(jdbc);
        BigDecimal vip = new BigDecimal("5000");
        new Projector(new EventsProjection(jdbc)).apply(new History()
                .add(EVENT, new EventCreated(EVENT, ORG, "TechExpo", "KICC", EXPIRES))
                .add(EVENT, new TicketTypeAdded(EVENT, ORG, "vip", "VIP", vip, "KES", 100, null, null))
                .add(EVENT, new TicketTypeAdded(EVENT, ORG, "regular", "Regular", BigDecimal.TEN, "KES", 100, null,
                        null))
                // Amina: two VIP tickets, one of them let in
                .add(EVENT, reserved("res-1", "vip", 2, AMINA, vip))
                .add(EVENT, issued("res-1", "vip", AMINA, List.of("VIP-A1", "VIP-A2")))
                .add(EVENT, new ParticipantRegistered(EVENT, ORG, TestContacts.id(AMINA), AMINA, "ticket_purchase"))
                .add("VIP-A1", new TicketAdmitted("VIP-A1", ORG, EVENT, "vip", "Gate A", "staff-1", EXPIRES))
                // Baraka: a VIP hold that expired, then a second one, paid and cancelled by the organizer
                .add(EVENT, reserved("res-2", "vip", 1, BARAKA, vip))
                .add(EVENT, new TicketReservationExpired(EVENT, ORG, "res-2", "vip", 1, 98))
                .add(EVENT, reserved("res-3", "vip", 1, BARAKA, vip))
                .add(EVENT, issued("res-3", "vip", BARAKA, List.of("VIP-B1")))
                .add(EVENT, new ParticipantRegistered(EVENT, ORG, TestContacts.id(BARAKA), BARAKA, "ticket_purchase"))
                .add(EVENT, new PaidTicketsCancelled(EVENT, ORG, "res-3", "vip", 1, TestContacts.id(BARAKA),
                        List.of("VIP-B1"), "duplicate", null, "KES", "staff-1", 98))
                // Chao: a Regular hold, never paid
                .add(EVENT, reserved("res-4", "regular", 1, CHAO, BigDecimal.TEN))
                // Duma: registered, reserved nothing
                .add(EVENT, new ParticipantRegistered(EVENT, ORG, TestContacts.id(DUMA), DUMA, "whatsapp"))
                .events());
    }

    private static TicketsReserved reserved(String id, String type, int quantity, String phone, BigDecimal price) {
        return new TicketsReserved(EVENT, ORG, id, type, quantity, TestContacts.id(phone), phone, null, price,
                price.multiply(BigDecimal.valueOf(quantity)), "KES", EXPIRES, 0);
    }

    private static TicketsIssued issued(String id, String type, String phone, List<String> codes) {
        return new TicketsIssued(EVENT, ORG, id, type, TestContacts.id(phone), phone, codes, "pay-" + id,
                new BigDecimal("5000").multiply(BigDecimal.valueOf(codes.size())), "KES");
    }

    @Test
    void countsDistinctContactsAtEachStep() {
        EventFunnel funnel = queries.funnel(ORG, EVENT).orElseThrow();

        // registered: Amina, Baraka, Chao (reserved) and Duma (registered only); reserved: the first three; paid:
        // Amina and Baraka (cancelled afterwards); checked in: Amina
        assertThat(funnel.event()).isEqualTo(new FunnelRow(null, null, 4, 3, 2, 1, new BigDecimal("0.7500"),
                new BigDecimal("0.6667"), new BigDecimal("0.5000")));
        assertThat(funnel.ticketTypes()).containsExactly(
                new FunnelRow("vip", "VIP", 2, 2, 2, 1, new BigDecimal("1.0000"), new BigDecimal("1.0000"),
                        new BigDecimal("0.5000")),
                new FunnelRow("regular", "Regular", 1, 1, 0, 0, new BigDecimal("1.0000"), new BigDecimal("0.0000"),
                        null));
    }

    @Test
    void anotherOrganizationsEventHasNoFunnel() {
        assertThat(queries.funnel("org-2", EVENT)).isEmpty();
        assertThat(queries.funnel(ORG, "ev-2")).isEmpty();
    }
}
