package com.chatnation.crm.application.agenda;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.agenda.AgendaDirectory;
import com.chatnation.crm.domain.agenda.AgendaOpened;
import com.chatnation.crm.domain.agenda.SessionAdded;
import com.chatnation.crm.domain.agenda.SessionCancelled;
import com.chatnation.crm.domain.agenda.SessionChanged;
import com.chatnation.crm.domain.agenda.SessionDetails;
import com.chatnation.crm.domain.agenda.SpeakerAssigned;
import com.chatnation.crm.domain.agenda.SpeakerChanged;
import com.chatnation.crm.domain.agenda.SpeakerCreated;
import com.chatnation.crm.domain.agenda.SpeakerProfile;
import com.chatnation.crm.domain.agenda.SpeakerUnassigned;
import com.chatnation.crm.domain.agenda.VenueCreated;
import com.chatnation.crm.domain.conversation.AgendaCatalog;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The conversation's and the agenda's view of the organization's agendas ({@code agenda_catalog_*}), kept in the
 * transactions of the agendas', speakers' and venues' events (the command catalogs' subscribing group): a session is
 * on the contact's agenda from the next message, and a speaker can be put on a panel the moment they are created.
 */
@Repository
@ProcessingGroup(CommandCatalogs.GROUP)
class JdbcAgendaCatalog implements AgendaCatalog, AgendaDirectory {

    /** The most sessions a list shows: WhatsApp lists take 10 rows. */
    private static final int LISTED = 10;

    private final JdbcTemplate jdbc;

    JdbcAgendaCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AgendaOpened event) {
        jdbc.update("""
                        INSERT INTO agenda_catalog_agendas (agenda_id, event_id, organization_id, time_zone)
                        VALUES (?, ?, ?, ?) ON CONFLICT (agenda_id) DO NOTHING""",
                event.agendaId(), event.eventId(), event.organizationId(), event.timeZone());
    }

    @EventHandler
    void on(SessionAdded event) {
        SessionDetails details = event.details();
        jdbc.update("""
                        INSERT INTO agenda_catalog_sessions (session_id, agenda_id, event_id, organization_id, title,
                                                             description, starts_at, ends_at, room, time_zone)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, time_zone FROM agenda_catalog_agendas WHERE agenda_id = ?
                        ON CONFLICT (session_id) DO NOTHING""",
                event.sessionId(), event.agendaId(), event.eventId(), event.organizationId(), details.title(),
                details.description(), Timestamp.from(details.startsAt()), Timestamp.from(details.endsAt()),
                details.room(), event.agendaId());
    }

    @EventHandler
    void on(SessionChanged event) {
        SessionDetails details = event.details();
        jdbc.update("""
                        UPDATE agenda_catalog_sessions SET title = ?, description = ?, starts_at = ?, ends_at = ?,
                            room = ? WHERE session_id = ?""",
                details.title(), details.description(), Timestamp.from(details.startsAt()),
                Timestamp.from(details.endsAt()), details.room(), event.sessionId());
    }

    @EventHandler
    void on(SessionCancelled event) {
        jdbc.update("UPDATE agenda_catalog_sessions SET cancelled = TRUE WHERE session_id = ?", event.sessionId());
    }

    @EventHandler
    void on(SpeakerAssigned event) {
        jdbc.update("""
                        INSERT INTO agenda_catalog_panels (session_id, speaker_id, position) VALUES (?, ?, ?)
                        ON CONFLICT (session_id, speaker_id) DO UPDATE SET position = EXCLUDED.position""",
                event.sessionId(), event.speakerId(), event.position());
    }

    @EventHandler
    void on(SpeakerUnassigned event) {
        jdbc.update("DELETE FROM agenda_catalog_panels WHERE session_id = ? AND speaker_id = ?", event.sessionId(),
                event.speakerId());
    }

    @EventHandler
    void on(SpeakerCreated event) {
        SpeakerProfile profile = event.profile();
        jdbc.update("""
                        INSERT INTO agenda_catalog_speakers (speaker_id, organization_id, name, title, company)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (speaker_id) DO NOTHING""",
                event.speakerId(), event.organizationId(), profile.name(), profile.title(), profile.company());
    }

    @EventHandler
    void on(SpeakerChanged event) {
        SpeakerProfile profile = event.profile();
        jdbc.update("UPDATE agenda_catalog_speakers SET name = ?, title = ?, company = ? WHERE speaker_id = ?",
                profile.name(), profile.title(), profile.company(), event.speakerId());
    }

    @EventHandler
    void on(VenueCreated event) {
        jdbc.update("""
                        INSERT INTO agenda_catalog_venues (venue_id, organization_id) VALUES (?, ?)
                        ON CONFLICT (venue_id) DO NOTHING""", event.venueId(), event.organizationId());
    }

    @Override
    public boolean speakerExists(String organizationId, String speakerId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT EXISTS (SELECT 1 FROM agenda_catalog_speakers WHERE speaker_id = ?
                                       AND organization_id = ?)""", Boolean.class, speakerId, organizationId));
    }

    @Override
    public boolean venueExists(String organizationId, String venueId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT EXISTS (SELECT 1 FROM agenda_catalog_venues WHERE venue_id = ?
                                       AND organization_id = ?)""", Boolean.class, venueId, organizationId));
    }

    /** The agenda's time zone, if the event has an agenda in this organization. */
    Optional<String> timeZone(String organizationId, String eventId) {
        return jdbc.queryForList("""
                        SELECT time_zone FROM agenda_catalog_agendas WHERE event_id = ? AND organization_id = ?""",
                String.class, eventId, organizationId).stream().findFirst();
    }

    /** Whether the session is on the event's agenda, in this organization (cancelled or not). */
    boolean hasSession(String organizationId, String eventId, String sessionId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT EXISTS (SELECT 1 FROM agenda_catalog_sessions WHERE session_id = ? AND event_id = ?
                                       AND organization_id = ?)""", Boolean.class, sessionId, eventId,
                organizationId));
    }

    @Override
    public Optional<AgendaDay> agendaDay(String organizationId, Instant now) {
        record Next(String eventId, String timeZone, Instant startsAt) {
        }
        Optional<Next> next = jdbc.query("""
                        SELECT event_id, time_zone, starts_at FROM agenda_catalog_sessions
                        WHERE organization_id = ? AND NOT cancelled AND ends_at > ?
                        ORDER BY starts_at, session_id LIMIT 1""",
                (rs, n) -> new Next(rs.getString("event_id"), rs.getString("time_zone"),
                        rs.getTimestamp("starts_at").toInstant()),
                organizationId, Timestamp.from(now)).stream().findFirst();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone = ZoneId.of(next.get().timeZone());
        LocalDate day = (next.get().startsAt().isAfter(now) ? next.get().startsAt() : now).atZone(zone).toLocalDate();
        Instant dayEnds = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<SessionSummary> sessions = jdbc.query("""
                        SELECT session_id, title, starts_at, ends_at, room FROM agenda_catalog_sessions
                        WHERE event_id = ? AND organization_id = ? AND NOT cancelled AND ends_at > ? AND starts_at < ?
                        ORDER BY starts_at, title, session_id LIMIT ?""",
                (rs, n) -> new SessionSummary(rs.getString("session_id"), rs.getString("title"),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("room")),
                next.get().eventId(), organizationId, Timestamp.from(now), Timestamp.from(dayEnds), LISTED);
        return Optional.of(new AgendaDay(next.get().eventId(), day, zone.getId(), sessions));
    }

    @Override
    public Optional<SessionDetail> session(String organizationId, String sessionId, String conversationId) {
        List<SpeakerOnStage> speakers = jdbc.query("""
                        SELECT s.name, s.title, s.company FROM agenda_catalog_panels p
                        JOIN agenda_catalog_speakers s ON s.speaker_id = p.speaker_id
                        WHERE p.session_id = ? ORDER BY p.position, s.name""",
                (rs, n) -> new SpeakerOnStage(rs.getString("name"), rs.getString("title"), rs.getString("company")),
                sessionId);
        return jdbc.query("""
                        SELECT s.*, EXISTS (SELECT 1 FROM agenda_reminder_schedule r WHERE r.session_id = s.session_id
                                            AND r.conversation_id = ? AND r.status = 'pending') AS reminded
                        FROM agenda_catalog_sessions s
                        WHERE s.session_id = ? AND s.organization_id = ? AND NOT s.cancelled""",
                (rs, n) -> new SessionDetail(rs.getString("session_id"), rs.getString("event_id"),
                        rs.getString("title"), rs.getString("description"), rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant(), rs.getString("room"), rs.getString("time_zone"),
                        speakers, rs.getBoolean("reminded")),
                conversationId, sessionId, organizationId).stream().findFirst();
    }
}
