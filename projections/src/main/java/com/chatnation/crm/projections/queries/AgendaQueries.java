package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.chatnation.crm.projections.queries.Rows.instant;
import static com.chatnation.crm.projections.queries.Rows.nullableInt;

/**
 * Reads an organization's agendas: an event's sessions in time order with their panels and how many contacts asked
 * to be reminded of each, and its speakers and venues.
 */
@Repository
public class AgendaQueries {

    /** A speaker; {@code title}, {@code company} and {@code bio} null when not said. */
    public record SpeakerRow(String id, String name, String title, String company, String bio, Instant createdAt) {
    }

    public record VenueRow(String id, String name, String address, Integer capacity, Instant createdAt) {
    }

    /**
     * A session; {@code status} {@code scheduled} or {@code cancelled}; {@code remindersPending} the reminders still to
     * go out, {@code remindersSent} those that went.
     */
    public record SessionRow(String id, String title, String description, Instant startsAt, Instant endsAt,
                             String room, Integer capacity, String venueId, String status, List<SpeakerRow> speakers,
                             long remindersPending, long remindersSent) {
    }

    /** An event's agenda: its time zone and its sessions, cancelled ones included, in time order. */
    public record AgendaView(String eventId, String timeZone, List<SessionRow> sessions) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public AgendaQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AgendaView> agenda(String organizationId, String eventId) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("event", eventId);
        Optional<String> zone = jdbc.queryForList("""
                SELECT time_zone FROM event_agendas WHERE event_id = :event AND organization_id = :org""",
                params, String.class).stream().findFirst();
        if (zone.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<SpeakerRow>> panels = new LinkedHashMap<>();
        jdbc.query("""
                SELECT p.session_id, s.* FROM session_speakers p JOIN speakers s ON s.id = p.speaker_id
                JOIN event_sessions e ON e.id = p.session_id
                WHERE e.event_id = :event AND e.organization_id = :org ORDER BY p.session_id, p.position""", params,
                rs -> {
                    panels.computeIfAbsent(rs.getString("session_id"), id -> new ArrayList<>()).add(new SpeakerRow(
                            rs.getString("id"), rs.getString("name"), rs.getString("title"), rs.getString("company"),
                            rs.getString("bio"), instant(rs, "created_at")));
                });
        List<SessionRow> sessions = jdbc.query("""
                SELECT e.*, (SELECT count(*) FROM session_reminders r WHERE r.session_id = e.id
                             AND r.status = 'pending') AS pending,
                            (SELECT count(*) FROM session_reminders r WHERE r.session_id = e.id
                             AND r.status = 'sent') AS sent
                FROM event_sessions e WHERE e.event_id = :event AND e.organization_id = :org
                ORDER BY e.starts_at, e.title, e.id""", params,
                (rs, n) -> new SessionRow(rs.getString("id"), rs.getString("title"), rs.getString("description"),
                        instant(rs, "starts_at"), instant(rs, "ends_at"), rs.getString("room"),
                        nullableInt(rs, "capacity"), rs.getString("venue_id"), rs.getString("status"),
                        panels.getOrDefault(rs.getString("id"), List.of()), rs.getLong("pending"),
                        rs.getLong("sent")));
        return Optional.of(new AgendaView(eventId, zone.get(), sessions));
    }

    public List<SpeakerRow> speakers(String organizationId) {
        return jdbc.query("SELECT * FROM speakers WHERE organization_id = :org ORDER BY name, id",
                new MapSqlParameterSource("org", organizationId),
                (rs, n) -> new SpeakerRow(rs.getString("id"), rs.getString("name"), rs.getString("title"),
                        rs.getString("company"), rs.getString("bio"), instant(rs, "created_at")));
    }

    public List<VenueRow> venues(String organizationId) {
        return jdbc.query("SELECT * FROM venues WHERE organization_id = :org ORDER BY name, id",
                new MapSqlParameterSource("org", organizationId),
                (rs, n) -> new VenueRow(rs.getString("id"), rs.getString("name"), rs.getString("address"),
                        nullableInt(rs, "capacity"), instant(rs, "created_at")));
    }
}
