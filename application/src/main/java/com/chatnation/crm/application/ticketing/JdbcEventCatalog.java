package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.domain.conversation.EventCatalog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Events with tickets on sale, read from the ticket catalog tables. */
@Repository
public class JdbcEventCatalog implements EventCatalog {

    private final JdbcTemplate jdbc;

    public JdbcEventCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<EventOnSale> eventsOnSale(String organizationId, Instant at) {
        Timestamp now = Timestamp.from(at);
        Map<String, EventRow> events = new LinkedHashMap<>();
        // Free events are the ones without any ticket type: they join no type row, whose nulls pass the sales window.
        // An event whose types are all off sale joins no row that passes, so it is not offered (and is not free).
        jdbc.query("""
                        SELECT e.event_id, e.name, e.venue, e.starts_at, t.ticket_type_id, t.name AS type_name, t.price,
                               t.currency, t.remaining
                        FROM ticket_catalog_events e LEFT JOIN ticket_catalog_types t ON t.event_id = e.event_id
                        WHERE e.organization_id = ? AND (e.starts_at IS NULL OR e.starts_at > ?)
                          AND (t.sales_start IS NULL OR t.sales_start <= ?) AND (t.sales_end IS NULL OR t.sales_end > ?)
                        ORDER BY e.starts_at NULLS LAST, e.event_id, t.position""",
                rs -> {
                    EventRow event = events.computeIfAbsent(rs.getString("event_id"), id -> {
                        try {
                            Timestamp starts = rs.getTimestamp("starts_at");
                            return new EventRow(id, rs.getString("name"), rs.getString("venue"),
                                    starts == null ? null : starts.toInstant(), new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    if (rs.getString("ticket_type_id") != null) {
                        event.types().add(new TicketTypeOnSale(rs.getString("ticket_type_id"), rs.getString("type_name"),
                                rs.getBigDecimal("price"), rs.getString("currency"), rs.getInt("remaining")));
                    }
                }, organizationId, now, now, now);
        return events.values().stream()
                .filter(event -> event.types().isEmpty() || event.types().stream().anyMatch(type -> type.remaining() > 0))
                .map(event -> new EventOnSale(event.eventId(), event.name(), event.venue(), event.startsAt(), event.types()))
                .toList();
    }

    /** An event's name and where and when it is, for the conversation's confirmations. */
    public record EventSummary(String eventId, String name, String venue, Instant startsAt) {
    }

    public Optional<EventSummary> event(String organizationId, String eventId) {
        return jdbc.query("""
                        SELECT event_id, name, venue, starts_at FROM ticket_catalog_events
                        WHERE organization_id = ? AND event_id = ?""",
                (rs, n) -> new EventSummary(rs.getString("event_id"), rs.getString("name"), rs.getString("venue"),
                        rs.getTimestamp("starts_at") == null ? null : rs.getTimestamp("starts_at").toInstant()),
                organizationId, eventId).stream().findFirst();
    }

    /** Who a reservation belongs to, for the payment callback. */
    public Optional<ReservationRow> reservation(String organizationId, String reservationId) {
        return jdbc.query("""
                        SELECT r.*, e.name AS event_name, t.name AS type_name FROM ticket_catalog_reservations r
                        JOIN ticket_catalog_events e ON e.event_id = r.event_id
                        JOIN ticket_catalog_types t ON t.event_id = r.event_id AND t.ticket_type_id = r.ticket_type_id
                        WHERE r.organization_id = ? AND r.reservation_id = ?""",
                (rs, n) -> new ReservationRow(rs.getString("reservation_id"), rs.getString("event_id"),
                        rs.getString("event_name"), rs.getString("type_name"), rs.getString("conversation_id"),
                        rs.getString("contact_phone"), rs.getInt("quantity"), rs.getBigDecimal("total"),
                        rs.getString("currency"), rs.getString("status")),
                organizationId, reservationId).stream().findFirst();
    }

    /** Names for a reply about a reservation. */
    public Optional<String[]> names(String eventId, String ticketTypeId) {
        return jdbc.query("""
                        SELECT e.name, t.name AS type_name FROM ticket_catalog_events e
                        JOIN ticket_catalog_types t ON t.event_id = e.event_id
                        WHERE e.event_id = ? AND t.ticket_type_id = ?""",
                (rs, n) -> new String[]{rs.getString("name"), rs.getString("type_name")}, eventId, ticketTypeId)
                .stream().findFirst();
    }

    public record ReservationRow(String reservationId, String eventId, String eventName, String ticketTypeName,
                                 String conversationId, String contactPhone, int quantity, java.math.BigDecimal total,
                                 String currency, String status) {
    }

    private record EventRow(String eventId, String name, String venue, Instant startsAt, List<TicketTypeOnSale> types) {
    }
}
