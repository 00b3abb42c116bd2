package com.chatnation.crm.projections.crm.events;

import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.domain.ticketing.EventCreated;
import com.chatnation.crm.domain.ticketing.PaidTicketsCancelled;
import com.chatnation.crm.domain.ticketing.ParticipantRegistered;
import com.chatnation.crm.domain.ticketing.TicketQuantityChanged;
import com.chatnation.crm.domain.ticketing.TicketReservationCancelled;
import com.chatnation.crm.domain.ticketing.TicketReservationExpired;
import com.chatnation.crm.domain.ticketing.TicketTypeAdded;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.ticketing.TicketsReserved;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventsProjectionTest {

    private static final String ORG = "org-1";
    private static final String EVENT = "ev-1";
    private static final String AMINA = "+254712345678";
    private static final String BARAKA = "+254722000111";
    private static final Instant STARTS = Instant.parse("2025-06-01T09:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new EventsProjection(jdbc));
    }

    private static History history() {
        Instant expires = Instant.parse("2025-03-01T09:00:00Z");
        return new History()
                .add(EVENT, new EventCreated(EVENT, ORG, "TechExpo", "KICC", STARTS))
                .add(EVENT, new TicketTypeAdded(EVENT, ORG, "vip", "VIP", new BigDecimal("5000"), "KES", 100,
                        null, STARTS))
                .add(EVENT, new TicketTypeAdded(EVENT, ORG, "regular", "Regular", new BigDecimal("2000"), "KES", 10,
                        null, STARTS))
                .add(EVENT, new TicketsReserved(EVENT, ORG, "res-1", "vip", 2, TestContacts.id(AMINA), AMINA, "conversation-org-1-254712345678",
                        new BigDecimal("5000"), new BigDecimal("10000"), "KES", expires, 98))
                .add(EVENT, new TicketsIssued(EVENT, ORG, "res-1", "vip", TestContacts.id(AMINA), AMINA, List.of("TECH-VIP-A1", "TECH-VIP-A2"),
                        "mpesa-1", new BigDecimal("10000"), "KES"))
                .add(EVENT, new ParticipantRegistered(EVENT, ORG, TestContacts.id(AMINA), AMINA, ParticipantRegistered.TICKET_PURCHASE))
                .add(EVENT, new TicketsReserved(EVENT, ORG, "res-2", "regular", 3, TestContacts.id(BARAKA), BARAKA, null,
                        new BigDecimal("2000"), new BigDecimal("6000"), "KES", expires, 7))
                .add(EVENT, new TicketReservationExpired(EVENT, ORG, "res-2", "regular", 3, 10))
                .add(EVENT, new TicketsReserved(EVENT, ORG, "res-3", "regular", 1, TestContacts.id(BARAKA), BARAKA, null,
                        new BigDecimal("2000"), new BigDecimal("2000"), "KES", expires, 9))
                .add(EVENT, new TicketReservationCancelled(EVENT, ORG, "res-3", "regular", 1, "changed mind", 10))
                .add(EVENT, new TicketQuantityChanged(EVENT, ORG, "regular", 20, 20))
                .add(EVENT, new ParticipantRegistered(EVENT, ORG, TestContacts.id(BARAKA), BARAKA, "whatsapp"))
                .add(EVENT, new ParticipantRegistered(EVENT, ORG, TestContacts.id(AMINA), AMINA, "whatsapp"));
    }

    @Test
    void scriptedHistoryBuildsInventoryReservationsTicketsAndParticipants() {
        projector.apply(history().events());

        assertThat(jdbc.queryForMap("SELECT * FROM events")).containsEntry("organization_id", ORG)
                .containsEntry("name", "TechExpo").containsEntry("venue", "KICC");

        Map<String, Object> vip = jdbc.queryForMap("SELECT * FROM ticket_types WHERE id = 'vip'");
        assertThat(vip).containsEntry("quantity_available", 100).containsEntry("quantity_reserved", 0)
                .containsEntry("quantity_sold", 2).containsEntry("remaining", 98).containsEntry("currency", "KES");
        assertThat((BigDecimal) vip.get("price")).isEqualByComparingTo("5000");
        Map<String, Object> regular = jdbc.queryForMap("SELECT * FROM ticket_types WHERE id = 'regular'");
        assertThat(regular).containsEntry("quantity_available", 20).containsEntry("quantity_reserved", 0)
                .containsEntry("quantity_sold", 0).containsEntry("remaining", 20);

        assertThat(jdbc.queryForList("SELECT id, status FROM ticket_reservations ORDER BY id"))
                .containsExactly(Map.of("id", "res-1", "status", "issued"), Map.of("id", "res-2", "status", "expired"),
                        Map.of("id", "res-3", "status", "cancelled"));
        assertThat(jdbc.queryForObject("SELECT cancel_reason FROM ticket_reservations WHERE id = 'res-3'",
                String.class)).isEqualTo("changed mind");

        List<Map<String, Object>> tickets = jdbc.queryForList("SELECT * FROM tickets ORDER BY ticket_code");
        assertThat(tickets).extracting(t -> t.get("ticket_code")).containsExactly("TECH-VIP-A1", "TECH-VIP-A2");
        assertThat(tickets).allSatisfy(t -> {
            assertThat(t).containsEntry("organization_id", ORG).containsEntry("reservation_id", "res-1")
                    .containsEntry("contact_id", ContactIds.of(TestContacts.id(AMINA))).containsEntry("status", "valid")
                    .containsEntry("payment_reference", "mpesa-1");
            assertThat((BigDecimal) t.get("price")).isEqualByComparingTo("5000");
        });

        List<Map<String, Object>> participants = jdbc.queryForList(
                "SELECT contact_phone, source FROM participants ORDER BY contact_phone");
        assertThat(participants).containsExactly(
                Map.of("contact_phone", AMINA, "source", "ticket_purchase"),
                Map.of("contact_phone", BARAKA, "source", "whatsapp"));
    }

    @Test
    void reservedCountersTrackOpenHolds() {
        History history = history();
        projector.apply(history.events().subList(0, 4));
        projector.apply(history.get(6));

        assertThat(jdbc.queryForMap("SELECT quantity_reserved, remaining FROM ticket_types WHERE id = 'vip'"))
                .containsEntry("quantity_reserved", 2).containsEntry("remaining", 98);
        assertThat(jdbc.queryForMap("SELECT quantity_reserved, remaining FROM ticket_types WHERE id = 'regular'"))
                .containsEntry("quantity_reserved", 3).containsEntry("remaining", 7);
    }

    @Test
    void applyingTheHistoryTwiceChangesNothing() {
        History history = history();
        projector.apply(history.events());
        Map<String, List<String>> once = Tables.snapshot(jdbc, EventsProjection.TABLES);

        projector.apply(history.events());
        projector.apply(history.get(4));   // TicketsIssued redelivered after everything else
        projector.apply(history.get(3));   // and the reservation it paid for

        assertThat(Tables.snapshot(jdbc, EventsProjection.TABLES)).isEqualTo(once);
    }

    @Test
    void cancelledPaidTicketsReadCancelledAndGoBackOnSaleOnce() {
        History history = history();
        projector.apply(history.events());
        // the cancellation is the stream's next event
        History whole = history().add(EVENT, new PaidTicketsCancelled(EVENT, ORG, "res-1", "vip", 2,
                TestContacts.id(AMINA), List.of("TECH-VIP-A1", "TECH-VIP-A2"), "duplicate purchase",
                new BigDecimal("9000.00"), "KES", "user-1", 100));
        DomainEventMessage<?> cancelled = whole.get(whole.events().size() - 1);
        projector.apply(cancelled);

        Map<String, Object> reservation = jdbc.queryForMap("SELECT * FROM ticket_reservations WHERE id = 'res-1'");
        assertThat(reservation).containsEntry("status", "refunded").containsEntry("cancel_reason", "duplicate purchase");
        assertThat((BigDecimal) reservation.get("refund_amount")).isEqualByComparingTo("9000");
        assertThat(jdbc.queryForList("SELECT status FROM tickets WHERE reservation_id = 'res-1'", String.class))
                .containsExactly("cancelled", "cancelled");
        assertThat(jdbc.queryForMap("SELECT quantity_sold, quantity_reserved, remaining FROM ticket_types "
                + "WHERE id = 'vip'")).containsEntry("quantity_sold", 0).containsEntry("quantity_reserved", 0)
                .containsEntry("remaining", 100);

        // redelivered, and the payment before it redelivered too: nothing changes
        Map<String, List<String>> once = Tables.snapshot(jdbc, EventsProjection.TABLES);
        projector.apply(cancelled);
        projector.apply(whole.get(4));
        assertThat(Tables.snapshot(jdbc, EventsProjection.TABLES)).isEqualTo(once);
    }
}
