package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * An event's funnel, registered → reserved → paid → checked in, for the whole event and per ticket type, from the
 * read tables {@code participants}, {@code ticket_reservations}, {@code tickets} and {@code ticket_admissions}. Every
 * step counts <em>distinct contacts</em> (by their opaque id), never tickets or reservations:
 * <ul>
 *     <li><b>registered</b>: for the event, the contacts who are its participants (a free registration or a paid
 *     ticket) or who made any reservation of it, whatever became of the reservation; for a ticket type, the contacts
 *     who made any reservation of that type (a participant is not registered for one type rather than another, so a
 *     type's first two steps are the same figure);</li>
 *     <li><b>reserved</b>: the contacts with at least one reservation (any row, held, paid, expired or cancelled: each
 *     held tickets at some point) of the event, or of the type;</li>
 *     <li><b>paid</b>: the contacts holding at least one issued ticket of the event, or of the type, including tickets
 *     the organizer later cancelled (the contact did pay; a cancellation is not the contact dropping off);</li>
 *     <li><b>checked in</b>: the contacts with at least one ticket of the event, or of the type, let in at a gate.</li>
 * </ul>
 * A step's conversion is its count divided by the previous step's, rounded to four decimals, and {@code null} when the
 * previous step is zero. Counted on the tables' {@code event_id} indexes; nothing is filtered by date, since an event's
 * funnel is its whole history.
 */
@Repository
public class EventFunnelQueries {

    /**
     * One funnel: the whole event ({@code ticketTypeId} and {@code name} null) or one ticket type. The conversions are
     * from the step before: registered → reserved, reserved → paid, paid → checked in.
     */
    public record FunnelRow(String ticketTypeId, String name, long registered, long reserved, long paid,
                            long checkedIn, BigDecimal reservedConversion, BigDecimal paidConversion,
                            BigDecimal checkedInConversion) {

        static FunnelRow of(String ticketTypeId, String name, long registered, long reserved, long paid,
                            long checkedIn) {
            return new FunnelRow(ticketTypeId, name, registered, reserved, paid, checkedIn,
                    conversion(reserved, registered), conversion(paid, reserved), conversion(checkedIn, paid));
        }

        /** The step counts in funnel order. */
        public List<Long> steps() {
            return List.of(registered, reserved, paid, checkedIn);
        }
    }

    /** The event's funnel in all, and one per ticket type in the order the types were added. */
    public record EventFunnel(String eventId, FunnelRow event, List<FunnelRow> ticketTypes) {
    }

    /** The steps' names, in order, as the API and CSV name them. */
    public static final List<String> STEPS = List.of("registered", "reserved", "paid", "checkedIn");

    private final NamedParameterJdbcTemplate jdbc;

    public EventFunnelQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the organization has no such event. */
    public Optional<EventFunnel> funnel(String organizationId, String eventId) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("event", eventId);
        List<FunnelRow> whole = jdbc.query("""
                        SELECT (SELECT count(*) FROM (
                                    SELECT contact_id FROM participants
                                    WHERE event_id = e.id AND organization_id = e.organization_id
                                    UNION
                                    SELECT contact_id FROM ticket_reservations
                                    WHERE event_id = e.id AND organization_id = e.organization_id) registered
                               ) AS registered,
                               (SELECT count(DISTINCT r.contact_id) FROM ticket_reservations r
                                WHERE r.event_id = e.id AND r.organization_id = e.organization_id) AS reserved,
                               (SELECT count(DISTINCT s.contact_id) FROM tickets s
                                WHERE s.event_id = e.id AND s.organization_id = e.organization_id) AS paid,
                               (SELECT count(DISTINCT s.contact_id) FROM ticket_admissions a
                                JOIN tickets s ON s.ticket_code = a.ticket_code
                                WHERE a.event_id = e.id AND a.organization_id = e.organization_id) AS checked_in
                        FROM events e WHERE e.id = :event AND e.organization_id = :org""", params,
                (rs, n) -> FunnelRow.of(null, null, rs.getLong("registered"), rs.getLong("reserved"),
                        rs.getLong("paid"), rs.getLong("checked_in")));
        if (whole.isEmpty()) {
            return Optional.empty();
        }
        List<FunnelRow> types = jdbc.query("""
                        SELECT t.id, t.name,
                               (SELECT count(DISTINCT r.contact_id) FROM ticket_reservations r
                                WHERE r.event_id = t.event_id AND r.ticket_type_id = t.id) AS reserved,
                               (SELECT count(DISTINCT s.contact_id) FROM tickets s
                                WHERE s.event_id = t.event_id AND s.ticket_type_id = t.id) AS paid,
                               (SELECT count(DISTINCT s.contact_id) FROM ticket_admissions a
                                JOIN tickets s ON s.ticket_code = a.ticket_code
                                WHERE a.event_id = t.event_id AND a.ticket_type_id = t.id) AS checked_in
                        FROM ticket_types t WHERE t.event_id = :event AND t.organization_id = :org
                        ORDER BY t.created_at, t.id""", params,
                (rs, n) -> FunnelRow.of(rs.getString("id"), rs.getString("name"), rs.getLong("reserved"),
                        rs.getLong("reserved"), rs.getLong("paid"), rs.getLong("checked_in")));
        return Optional.of(new EventFunnel(eventId, whole.get(0), types));
    }

    private static BigDecimal conversion(long count, long previous) {
        return previous == 0 ? null
                : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(previous), 4, RoundingMode.HALF_UP);
    }
}
