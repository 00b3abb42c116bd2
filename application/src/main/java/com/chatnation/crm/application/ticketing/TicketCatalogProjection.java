package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.ticketing.EventCreated;
import com.chatnation.crm.domain.ticketing.PaidTicketsCancelled;
import com.chatnation.crm.domain.ticketing.TicketQuantityChanged;
import com.chatnation.crm.domain.ticketing.TicketReservationCancelled;
import com.chatnation.crm.domain.ticketing.TicketReservationExpired;
import com.chatnation.crm.domain.ticketing.TicketTypeAdded;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.ticketing.TicketsReserved;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** Keeps what is on sale, and what each reservation is, in step with the ticket inventory's events. */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class TicketCatalogProjection {

    private final JdbcTemplate jdbc;

    public TicketCatalogProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EventCreated event) {
        jdbc.update("""
                        INSERT INTO ticket_catalog_events (event_id, organization_id, name, venue, starts_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                event.eventId(), event.organizationId(), event.name(), event.venue(), timestamp(event.startsAt()));
    }

    @EventHandler
    void on(TicketTypeAdded event) {
        jdbc.update("""
                        INSERT INTO ticket_catalog_types (event_id, ticket_type_id, name, price, currency,
                            quantity_available, remaining, sales_start, sales_end, position)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,
                                (SELECT count(*) FROM ticket_catalog_types WHERE event_id = ?))
                        ON CONFLICT (event_id, ticket_type_id) DO NOTHING""",
                event.eventId(), event.ticketTypeId(), event.name(), event.price(), event.currency(),
                event.quantityAvailable(), event.quantityAvailable(), timestamp(event.salesStart()),
                timestamp(event.salesEnd()), event.eventId());
    }

    @EventHandler
    void on(TicketQuantityChanged event) {
        jdbc.update("UPDATE ticket_catalog_types SET quantity_available = ?, remaining = ? "
                        + "WHERE event_id = ? AND ticket_type_id = ?",
                event.quantityAvailable(), event.remainingAfter(), event.eventId(), event.ticketTypeId());
    }

    @EventHandler
    void on(TicketsReserved event) {
        remaining(event.eventId(), event.ticketTypeId(), event.remainingAfter());
        jdbc.update("""
                        INSERT INTO ticket_catalog_reservations (reservation_id, event_id, organization_id, ticket_type_id,
                            conversation_id, contact_phone, quantity, total, currency, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'held') ON CONFLICT (reservation_id) DO NOTHING""",
                event.reservationId(), event.eventId(), event.organizationId(), event.ticketTypeId(),
                event.conversationId(), event.contactPhone(), event.quantity(), event.total(), event.currency());
    }

    @EventHandler
    void on(TicketsIssued event) {
        status(event.reservationId(), "paid");
    }

    @EventHandler
    void on(TicketReservationExpired event) {
        remaining(event.eventId(), event.ticketTypeId(), event.remainingAfter());
        status(event.reservationId(), "expired");
    }

    @EventHandler
    void on(TicketReservationCancelled event) {
        remaining(event.eventId(), event.ticketTypeId(), event.remainingAfter());
        status(event.reservationId(), "cancelled");
    }

    /** The organizer cancelled paid tickets: they are back on sale, and the reservation is over. */
    @EventHandler
    void on(PaidTicketsCancelled event) {
        remaining(event.eventId(), event.ticketTypeId(), event.remainingAfter());
        status(event.reservationId(), "cancelled");
    }

    private void remaining(String eventId, String ticketTypeId, int remaining) {
        jdbc.update("UPDATE ticket_catalog_types SET remaining = ? WHERE event_id = ? AND ticket_type_id = ?",
                remaining, eventId, ticketTypeId);
    }

    private void status(String reservationId, String status) {
        jdbc.update("UPDATE ticket_catalog_reservations SET status = ? WHERE reservation_id = ?", status, reservationId);
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
