package com.chatnation.crm.projections.crm.agenda;

import com.chatnation.crm.domain.agenda.AgendaOpened;
import com.chatnation.crm.domain.agenda.ReminderCancelled;
import com.chatnation.crm.domain.agenda.ReminderRequested;
import com.chatnation.crm.domain.agenda.ReminderSent;
import com.chatnation.crm.domain.agenda.SessionAdded;
import com.chatnation.crm.domain.agenda.SessionCancelled;
import com.chatnation.crm.domain.agenda.SessionChanged;
import com.chatnation.crm.domain.agenda.SessionDetails;
import com.chatnation.crm.domain.agenda.SpeakerAssigned;
import com.chatnation.crm.domain.agenda.SpeakerChanged;
import com.chatnation.crm.domain.agenda.SpeakerCreated;
import com.chatnation.crm.domain.agenda.SpeakerUnassigned;
import com.chatnation.crm.domain.agenda.VenueChanged;
import com.chatnation.crm.domain.agenda.VenueCreated;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.projections.crm.events.EventsProjection;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains the agendas' read tables: {@code venues}, {@code speakers}, {@code event_sessions} (with their agenda's
 * time zone from {@code event_agendas}), {@code session_speakers} and {@code session_reminders}, whose rows give the
 * reminders per session. Every statement is an insert that ignores a row already there or an update by key, so what it
 * does never depends on a count an earlier statement returned. An erased contact's reminders are deleted.
 */
@Component
@ProcessingGroup(AgendaProjection.GROUP)
public class AgendaProjection {

    /** The events' group: an agenda is part of an event, and they are rebuilt together. */
    public static final String GROUP = EventsProjection.GROUP;
    public static final List<String> TABLES = List.of("venues", "speakers", "event_sessions", "event_agendas",
            "session_speakers", "session_reminders");

    private final JdbcTemplate jdbc;

    public AgendaProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(VenueCreated event) {
        jdbc.update("""
                        INSERT INTO venues (id, organization_id, name, address, capacity, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.venueId(), event.organizationId(), event.name(), event.address(), event.capacity(),
                utc(event.at()), utc(event.at()));
    }

    @EventHandler
    void on(VenueChanged event) {
        jdbc.update("UPDATE venues SET name = ?, address = ?, capacity = ?, updated_at = ? WHERE id = ?",
                event.name(), event.address(), event.capacity(), utc(event.at()), event.venueId());
    }

    @EventHandler
    void on(SpeakerCreated event) {
        var profile = event.profile();
        jdbc.update("""
                        INSERT INTO speakers (id, organization_id, name, title, company, bio, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.speakerId(), event.organizationId(), profile.name(), profile.title(), profile.company(),
                profile.bio(), utc(event.at()), utc(event.at()));
    }

    @EventHandler
    void on(SpeakerChanged event) {
        var profile = event.profile();
        jdbc.update("UPDATE speakers SET name = ?, title = ?, company = ?, bio = ?, updated_at = ? WHERE id = ?",
                profile.name(), profile.title(), profile.company(), profile.bio(), utc(event.at()), event.speakerId());
    }

    @EventHandler
    void on(AgendaOpened event) {
        jdbc.update("""
                        INSERT INTO event_agendas (event_id, organization_id, time_zone) VALUES (?, ?, ?)
                        ON CONFLICT (event_id) DO NOTHING""",
                event.eventId(), event.organizationId(), event.timeZone());
    }

    @EventHandler
    void on(SessionAdded event) {
        SessionDetails details = event.details();
        jdbc.update("""
                        INSERT INTO event_sessions (id, organization_id, event_id, title, description, starts_at, ends_at,
                                                    room, capacity, venue_id, time_zone, status, created_at, updated_at)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, a.time_zone, 'scheduled', ?, ?
                        FROM event_agendas a WHERE a.event_id = ?
                        ON CONFLICT (id) DO NOTHING""",
                event.sessionId(), event.organizationId(), event.eventId(), details.title(), details.description(),
                utc(details.startsAt()), utc(details.endsAt()), details.room(), details.capacity(), details.venueId(),
                utc(event.at()), utc(event.at()), event.eventId());
    }

    @EventHandler
    void on(SessionChanged event) {
        SessionDetails details = event.details();
        jdbc.update("""
                        UPDATE event_sessions SET title = ?, description = ?, starts_at = ?, ends_at = ?, room = ?,
                            capacity = ?, venue_id = ?, updated_at = ? WHERE id = ?""",
                details.title(), details.description(), utc(details.startsAt()), utc(details.endsAt()),
                details.room(), details.capacity(), details.venueId(), utc(event.at()), event.sessionId());
    }

    @EventHandler
    void on(SessionCancelled event) {
        jdbc.update("UPDATE event_sessions SET status = 'cancelled', updated_at = ? WHERE id = ?", utc(event.at()),
                event.sessionId());
    }

    @EventHandler
    void on(SpeakerAssigned event) {
        jdbc.update("""
                        INSERT INTO session_speakers (session_id, speaker_id, organization_id, position)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (session_id, speaker_id) DO UPDATE SET position = EXCLUDED.position""",
                event.sessionId(), event.speakerId(), event.organizationId(), event.position());
    }

    @EventHandler
    void on(SpeakerUnassigned event) {
        jdbc.update("DELETE FROM session_speakers WHERE session_id = ? AND speaker_id = ?", event.sessionId(),
                event.speakerId());
    }

    @EventHandler
    void on(ReminderRequested event) {
        jdbc.update("""
                        INSERT INTO session_reminders (reminder_id, organization_id, session_id, contact_id, status,
                                                       requested_at)
                        VALUES (?, ?, ?, ?, 'pending', ?)
                        ON CONFLICT (reminder_id) DO UPDATE SET status = 'pending', cancel_reason = NULL,
                            requested_at = EXCLUDED.requested_at""",
                event.reminderId(), event.organizationId(), event.sessionId(), event.contactId(), utc(event.at()));
    }

    @EventHandler
    void on(ReminderCancelled event) {
        jdbc.update("UPDATE session_reminders SET status = 'cancelled', cancel_reason = ? WHERE reminder_id = ?",
                event.reason(), event.reminderId());
    }

    @EventHandler
    void on(ReminderSent event) {
        jdbc.update("UPDATE session_reminders SET status = 'sent', sent_at = ? WHERE reminder_id = ?",
                utc(event.at()), event.reminderId());
    }

    @EventHandler
    void on(ContactErased event) {
        jdbc.update("DELETE FROM session_reminders WHERE contact_id = ?", event.contactId());
    }
}
