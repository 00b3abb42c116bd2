package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.chatnation.crm.projections.queries.Rows.instant;

/**
 * An organization's ticketed events as the dashboard shows them ({@code events}, {@code ticket_types},
 * {@code tickets}, {@code ticket_reservations}, {@code participants}): the events with their ticket totals, and one
 * event's ticket types, sales, reservations and participants, each newest first and keyset paginated on its V47
 * index.
 */
@Repository
public class EventQueries {

    /** An event with its ticket types added up: tickets offered, sold, held by open reservations, still on sale. */
    public record EventRow(String id, String name, String venue, Instant startsAt, Instant createdAt, int ticketTypes,
                           long offered, long sold, long reserved, long remaining) {
        Cursor cursor() {
            return Cursor.of(startsAt == null ? createdAt : startsAt, id);
        }
    }

    /** {@code remaining}: what can still be bought (offered less sold and reserved). */
    public record TicketTypeRow(String id, String name, BigDecimal price, String currency, int offered, int sold,
                                int reserved, int remaining, Instant salesStart, Instant salesEnd) {
    }

    /** One issued ticket: a sale. */
    public record SaleRow(String ticketCode, String ticketTypeId, String ticketTypeName, UUID contactId,
                          String contactPhone, BigDecimal price, String currency, String paymentReference,
                          String status, Instant issuedAt) {
        Cursor cursor() {
            return Cursor.of(issuedAt, ticketCode);
        }
    }

    public record ReservationRow(String id, String ticketTypeId, String ticketTypeName, UUID contactId,
                                 String contactPhone, int quantity, BigDecimal total, String currency, String status,
                                 Instant expiresAt, String paymentReference, Instant createdAt) {
        Cursor cursor() {
            return Cursor.of(createdAt, id);
        }
    }

    /** {@code contactName}: as the contact's conversation or import names them, if at all. */
    public record ParticipantRow(UUID id, UUID contactId, String contactPhone, String contactName, String source,
                                 Instant registeredAt) {
        Cursor cursor() {
            return Cursor.of(registeredAt, id.toString());
        }
    }

    private static final RowMapper<EventRow> EVENT = (rs, n) -> new EventRow(rs.getString("id"), rs.getString("name"),
            rs.getString("venue"), instant(rs, "starts_at"), instant(rs, "created_at"), rs.getInt("ticket_types"),
            rs.getLong("offered"), rs.getLong("sold"), rs.getLong("reserved"), rs.getLong("remaining"));
    private static final RowMapper<TicketTypeRow> TICKET_TYPE = (rs, n) -> new TicketTypeRow(rs.getString("id"),
            rs.getString("name"), rs.getBigDecimal("price"), rs.getString("currency"), rs.getInt("quantity_available"),
            rs.getInt("quantity_sold"), rs.getInt("quantity_reserved"), rs.getInt("remaining"),
            instant(rs, "sales_start"), instant(rs, "sales_end"));
    private static final RowMapper<SaleRow> SALE = (rs, n) -> new SaleRow(rs.getString("ticket_code"),
            rs.getString("ticket_type_id"), rs.getString("type_name"), rs.getObject("contact_id", UUID.class),
            rs.getString("contact_phone"), rs.getBigDecimal("price"), rs.getString("currency"),
            rs.getString("payment_reference"), rs.getString("status"), instant(rs, "issued_at"));
    private static final RowMapper<ReservationRow> RESERVATION = (rs, n) -> new ReservationRow(rs.getString("id"),
            rs.getString("ticket_type_id"), rs.getString("type_name"), rs.getObject("contact_id", UUID.class),
            rs.getString("contact_phone"), rs.getInt("quantity"), rs.getBigDecimal("total"), rs.getString("currency"),
            rs.getString("status"), instant(rs, "expires_at"), rs.getString("payment_reference"),
            instant(rs, "created_at"));
    private static final RowMapper<ParticipantRow> PARTICIPANT = (rs, n) -> new ParticipantRow(
            rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class), rs.getString("contact_phone"),
            rs.getString("contact_name"), rs.getString("source"), instant(rs, "registered_at"));

    private static final String EVENT_COLUMNS = """
            SELECT e.id, e.name, e.venue, e.starts_at, e.created_at, t.ticket_types, t.offered, t.sold, t.reserved,
                   t.remaining
            FROM events e
            CROSS JOIN LATERAL (SELECT count(*) AS ticket_types, coalesce(sum(quantity_available), 0) AS offered,
                                       coalesce(sum(quantity_sold), 0) AS sold,
                                       coalesce(sum(quantity_reserved), 0) AS reserved,
                                       coalesce(sum(remaining), 0) AS remaining
                                FROM ticket_types WHERE event_id = e.id) t
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public EventQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Latest start first ({@code events_organization_starts_id}). */
    public Page<EventRow> events(String organizationId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        String page = "";
        if (after != null) {
            page = " AND (e.starts_at, e.id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        return Page.of(jdbc.query(EVENT_COLUMNS + " WHERE e.organization_id = :org AND e.starts_at IS NOT NULL" + page
                + " ORDER BY e.starts_at DESC, e.id DESC LIMIT :limit", params, EVENT), limit, EventRow::cursor);
    }

    public Optional<EventRow> event(String organizationId, String eventId) {
        return jdbc.query(EVENT_COLUMNS + " WHERE e.organization_id = :org AND e.id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", eventId), EVENT).stream().findFirst();
    }

    /** In the order they were added. */
    public List<TicketTypeRow> ticketTypes(String organizationId, String eventId) {
        return jdbc.query("""
                        SELECT * FROM ticket_types WHERE event_id = :event AND organization_id = :org
                        ORDER BY created_at, id""",
                new MapSqlParameterSource("org", organizationId).addValue("event", eventId), TICKET_TYPE);
    }

    /** Issued tickets, newest first ({@code tickets_event_issued}). */
    public Page<SaleRow> sales(String organizationId, String eventId, Cursor after, int limit) {
        MapSqlParameterSource params = params(organizationId, eventId, limit);
        String page = keyset("s.issued_at", "s.ticket_code", after, params);
        return Page.of(jdbc.query("""
                SELECT s.*, t.name AS type_name FROM tickets s
                LEFT JOIN ticket_types t ON t.event_id = s.event_id AND t.id = s.ticket_type_id
                WHERE s.event_id = :event AND s.organization_id = :org""" + page
                + " ORDER BY s.issued_at DESC, s.ticket_code DESC LIMIT :limit", params, SALE), limit, SaleRow::cursor);
    }

    /** Reservations of every status, newest first ({@code ticket_reservations_event_created}). */
    public Page<ReservationRow> reservations(String organizationId, String eventId, Cursor after, int limit) {
        MapSqlParameterSource params = params(organizationId, eventId, limit);
        String page = keyset("r.created_at", "r.id", after, params);
        return Page.of(jdbc.query("""
                SELECT r.*, t.name AS type_name FROM ticket_reservations r
                LEFT JOIN ticket_types t ON t.event_id = r.event_id AND t.id = r.ticket_type_id
                WHERE r.event_id = :event AND r.organization_id = :org""" + page
                + " ORDER BY r.created_at DESC, r.id DESC LIMIT :limit", params, RESERVATION), limit,
                ReservationRow::cursor);
    }

    /** Participants, latest registered first ({@code participants_event_registered}). */
    public Page<ParticipantRow> participants(String organizationId, String eventId, Cursor after, int limit) {
        MapSqlParameterSource params = params(organizationId, eventId, limit);
        String page = "";
        if (after != null) {
            UUID afterId;
            try {
                afterId = UUID.fromString(after.key());
            } catch (IllegalArgumentException notAParticipant) {
                throw new InvalidCursorException();
            }
            page = " AND (p.registered_at, p.id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", afterId);
        }
        return Page.of(jdbc.query("""
                SELECT p.*, COALESCE(c.name, f.name) AS contact_name FROM participants p
                LEFT JOIN contacts c ON c.id = p.contact_id
                LEFT JOIN contact_profiles f ON f.contact_id = p.contact_id
                WHERE p.event_id = :event AND p.organization_id = :org""" + page
                + " ORDER BY p.registered_at DESC, p.id DESC LIMIT :limit", params, PARTICIPANT), limit,
                ParticipantRow::cursor);
    }

    private static MapSqlParameterSource params(String organizationId, String eventId, int limit) {
        return new MapSqlParameterSource("org", organizationId).addValue("event", eventId).addValue("limit", limit + 1);
    }

    private static String keyset(String at, String key, Cursor after, MapSqlParameterSource params) {
        if (after == null) {
            return "";
        }
        params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        return " AND (" + at + ", " + key + ") < (:afterAt, :afterId)";
    }
}
