package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;

/**
 * An event's gates at a glance: per ticket type, the tickets issued ({@code tickets}) and how many of them were let in
 * ({@code ticket_admissions}), each counted on its {@code (event_id, ticket_type_id)} index.
 */
@Repository
public class CheckInQueries {

    /** One ticket type's figures, in the order the types were added. */
    public record TypeCount(String ticketTypeId, String name, long issued, long checkedIn) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public CheckInQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<TypeCount> counts(String organizationId, String eventId) {
        return jdbc.query("""
                        SELECT t.id, t.name,
                               (SELECT count(*) FROM tickets s
                                WHERE s.event_id = t.event_id AND s.ticket_type_id = t.id AND s.status = 'valid') AS issued,
                               (SELECT count(*) FROM ticket_admissions a
                                WHERE a.event_id = t.event_id AND a.ticket_type_id = t.id) AS checked_in
                        FROM ticket_types t WHERE t.event_id = :event AND t.organization_id = :org
                        ORDER BY t.created_at, t.id""",
                new MapSqlParameterSource("org", organizationId).addValue("event", eventId),
                (rs, n) -> new TypeCount(rs.getString("id"), rs.getString("name"), rs.getLong("issued"),
                        rs.getLong("checked_in")));
    }
}
