package com.chatnation.crm.projections.crm.events;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.chatnation.crm.domain.ticketing.EventCreated;
import com.chatnation.crm.domain.ticketing.PaidTicketsCancelled;
import com.chatnation.crm.domain.ticketing.ParticipantRegistered;
import com.chatnation.crm.domain.ticketing.TicketAdmitted;
import com.chatnation.crm.domain.ticketing.TicketQuantityChanged;
import com.chatnation.crm.domain.ticketing.TicketReservationCancelled;
import com.chatnation.crm.domain.ticketing.TicketReservationExpired;
import com.chatnation.crm.domain.ticketing.TicketTypeAdded;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.ticketing.TicketsReserved;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code events}, {@code ticket_types}, {@code ticket_reservations}, {@code tickets},
 * {@code participants} and {@code ticket_admissions}. Rows are keyed by natural ids (reservation id, ticket code,
 * event and contact id); the reserved and sold counters of a ticket type change only for an event whose sequence
 * number in the event's stream is above the row's {@code last_sequence}.
 */
@Component
@ProcessingGroup(EventsProjection.GROUP)
public class EventsProjection {

    public static final String GROUP = "crm-events";
    public static final List<String> TABLES =
            List.of("events", "ticket_types", "ticket_reservations", "tickets", "participants", "ticket_admissions");

    private final JdbcTemplate jdbc;

    public EventsProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static List<String> tables() {
        return TABLES;
    }

    /** A participant's id: a name-based UUID of the event and the contact's opaque id. */
    public static UUID participantId(String eventId, String contactId) {
        return UUID.nameUUIDFromBytes(("participant:" + eventId + ":" + contactId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Tickets and reservations are the organization's sales records and stay, without the buyer's number: the
     * rows keep only the opaque contact id.
     */
    @EventHandler
    void on(ContactErased event) {
        Object contact = ContactIds.of(event.contactId());
        jdbc.update("UPDATE ticket_reservations SET contact_phone = NULL WHERE contact_id = ?", contact);
        jdbc.update("UPDATE tickets SET contact_phone = NULL WHERE contact_id = ?", contact);
        jdbc.update("UPDATE participants SET contact_phone = NULL WHERE contact_id = ?", contact);
    }

    @EventHandler
    void on(EventCreated event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO events (id, organization_id, name, venue, starts_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.eventId(), event.organizationId(), event.name(), event.venue(), utc(event.startsAt()), utc(at));
    }

    @EventHandler
    void on(TicketTypeAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO ticket_types (event_id, id, organization_id, name, price, currency, quantity_available,
                                                  remaining, sales_start, sales_end, last_sequence, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (event_id, id) DO NOTHING""",
                event.eventId(), event.ticketTypeId(), event.organizationId(), event.name(), event.price(),
                event.currency(), event.quantityAvailable(), event.quantityAvailable(), utc(event.salesStart()),
                utc(event.salesEnd()), sequence, utc(at), utc(at));
    }

    @EventHandler
    void on(TicketQuantityChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        updateType("quantity_available = ?, remaining = ?", event.eventId(), event.ticketTypeId(), sequence, at,
                event.quantityAvailable(), event.remainingAfter());
    }

    @EventHandler
    void on(TicketsReserved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO ticket_reservations (id, organization_id, event_id, ticket_type_id, contact_id,
                                                         contact_phone, conversation_id, quantity, unit_price, total,
                                                         currency, status, expires_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'reserved', ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.reservationId(), event.organizationId(), event.eventId(), event.ticketTypeId(),
                ContactIds.of(event.contactId()), event.contactPhone(),
                event.conversationId(), event.quantity(), event.unitPrice(), event.total(), event.currency(),
                utc(event.expiresAt()), utc(at), utc(at));
        updateType("quantity_reserved = quantity_reserved + ?, remaining = ?", event.eventId(), event.ticketTypeId(),
                sequence, at, event.quantity(), event.remainingAfter());
    }

    @EventHandler
    void on(TicketsIssued event, @SequenceNumber long sequence, @Timestamp Instant at) {
        int count = event.ticketCodes().size();
        jdbc.update("""
                        UPDATE ticket_reservations SET status = 'issued', payment_reference = ?, updated_at = ?
                        WHERE id = ? AND status = 'reserved'""",
                event.paymentReference(), utc(at), event.reservationId());
        BigDecimal unitPrice = count == 0 || event.total() == null ? BigDecimal.ZERO
                : event.total().divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN);
        for (String code : event.ticketCodes()) {
            jdbc.update("""
                            INSERT INTO tickets (ticket_code, organization_id, event_id, ticket_type_id, reservation_id,
                                                 contact_id, contact_phone, price, currency, payment_reference, status,
                                                 issued_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'valid', ?)
                            ON CONFLICT (ticket_code) DO NOTHING""",
                    code, event.organizationId(), event.eventId(), event.ticketTypeId(), event.reservationId(),
                    ContactIds.of(event.contactId()), event.contactPhone(), unitPrice,
                    event.currency(), event.paymentReference(), utc(at));
        }
        updateType("quantity_reserved = GREATEST(quantity_reserved - ?, 0), quantity_sold = quantity_sold + ?",
                event.eventId(), event.ticketTypeId(), sequence, at, count, count);
    }

    @EventHandler
    void on(TicketReservationExpired event, @SequenceNumber long sequence, @Timestamp Instant at) {
        endReservation(event.reservationId(), "expired", null, at);
        updateType("quantity_reserved = GREATEST(quantity_reserved - ?, 0), remaining = ?", event.eventId(),
                event.ticketTypeId(), sequence, at, event.quantity(), event.remainingAfter());
    }

    @EventHandler
    void on(TicketReservationCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        endReservation(event.reservationId(), "cancelled", event.reason(), at);
        updateType("quantity_reserved = GREATEST(quantity_reserved - ?, 0), remaining = ?", event.eventId(),
                event.ticketTypeId(), sequence, at, event.quantity(), event.remainingAfter());
    }

    /**
     * The organizer cancelled a paid purchase: its tickets read {@code cancelled} (the gates' counts leave them out),
     * the reservation {@code refunded} with the amount when a refund was recorded, else {@code cancelled}, and the
     * type's tickets go from sold back to on sale. The participant stays: they registered.
     */
    @EventHandler
    void on(PaidTicketsCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE ticket_reservations SET status = ?, cancel_reason = ?, refund_amount = ?, updated_at = ?
                        WHERE id = ? AND status = 'issued'""",
                event.refundAmount() == null ? "cancelled" : "refunded", event.reason(), event.refundAmount(),
                utc(at), event.reservationId());
        for (String code : event.ticketCodes()) {
            jdbc.update("UPDATE tickets SET status = 'cancelled' WHERE ticket_code = ?", code);
        }
        updateType("quantity_sold = GREATEST(quantity_sold - ?, 0), remaining = ?", event.eventId(),
                event.ticketTypeId(), sequence, at, event.quantity(), event.remainingAfter());
    }

    @EventHandler
    void on(ParticipantRegistered event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO participants (id, organization_id, event_id, contact_id, contact_phone, source,
                                                  registered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (event_id, contact_id) DO NOTHING""",
                participantId(event.eventId(), event.contactId()), event.organizationId(), event.eventId(),
                ContactIds.of(event.contactId()), event.contactPhone(), event.source(),
                utc(at));
    }

    @EventHandler
    void on(TicketAdmitted event) {
        jdbc.update("""
                        INSERT INTO ticket_admissions (ticket_code, organization_id, event_id, ticket_type_id, gate,
                                                       staff_id, admitted_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (ticket_code) DO NOTHING""",
                event.ticketCode(), event.organizationId(), event.eventId(), event.ticketTypeId(), event.gate(),
                event.staffId(), utc(event.at()));
    }

    private void endReservation(String reservationId, String status, String reason, Instant at) {
        jdbc.update("""
                        UPDATE ticket_reservations SET status = ?, cancel_reason = ?, updated_at = ?
                        WHERE id = ? AND status = 'reserved'""",
                status, reason, utc(at), reservationId);
    }

    private void updateType(String assignments, String eventId, String ticketTypeId, long sequence, Instant at,
                            Object... values) {
        Object[] args = new Object[values.length + 5];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = sequence;
        args[values.length + 1] = utc(at);
        args[values.length + 2] = eventId;
        args[values.length + 3] = ticketTypeId;
        args[values.length + 4] = sequence;
        jdbc.update("UPDATE ticket_types SET " + assignments + ", last_sequence = ?, updated_at = ? "
                + "WHERE event_id = ? AND id = ? AND last_sequence < ?", args);
    }
}
