package com.chatnation.crm.application.agenda;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.agenda.ReminderCancelled;
import com.chatnation.crm.domain.agenda.ReminderRequested;
import com.chatnation.crm.domain.agenda.ReminderSent;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.ContactOptedIn;
import com.chatnation.crm.domain.conversation.ContactOptedOut;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The reminders contacts asked for ({@code agenda_reminder_schedule}), kept in the transactions of the reminders'
 * events (the command catalogs' subscribing group), for {@link ReminderDeliveries}. A reminder is due its lead before
 * its session's start as the agenda says now, so a session that moves takes its reminders along without a write here.
 * A contact's opt-out marks their reminders (cancelled when due instead of sent); their erasure takes them off at once.
 */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class ReminderSchedule {

    static final String PENDING = "pending";

    private final JdbcTemplate jdbc;

    ReminderSchedule(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A pending reminder and the session it is of, as the session stands now. */
    record Due(String reminderId, String organizationId, String eventId, String sessionId, String contactId,
               String conversationId,
               boolean optedOut, String title, Instant startsAt, Instant endsAt, String room, String timeZone) {
    }

    @EventHandler
    void on(ReminderRequested event) {
        jdbc.update("""
                        INSERT INTO agenda_reminder_schedule (reminder_id, session_id, organization_id, contact_id,
                                                              conversation_id, lead_seconds, status)
                        VALUES (?, ?, ?, ?, ?, ?, 'pending')
                        ON CONFLICT (reminder_id) DO UPDATE SET status = 'pending',
                            lead_seconds = EXCLUDED.lead_seconds, conversation_id = EXCLUDED.conversation_id""",
                event.reminderId(), event.sessionId(), event.organizationId(), event.contactId(),
                event.conversationId(), event.leadSeconds());
    }

    @EventHandler
    void on(ReminderCancelled event) {
        jdbc.update("UPDATE agenda_reminder_schedule SET status = 'cancelled' WHERE reminder_id = ?",
                event.reminderId());
    }

    @EventHandler
    void on(ReminderSent event) {
        jdbc.update("UPDATE agenda_reminder_schedule SET status = 'sent' WHERE reminder_id = ?", event.reminderId());
    }

    @EventHandler
    void on(ContactOptedOut event) {
        jdbc.update("UPDATE agenda_reminder_schedule SET opted_out = TRUE WHERE contact_id = ? AND organization_id = ?",
                event.contactId(), event.organizationId());
    }

    @EventHandler
    void on(ContactOptedIn event) {
        jdbc.update("UPDATE agenda_reminder_schedule SET opted_out = FALSE WHERE contact_id = ? AND organization_id = ?",
                event.contactId(), event.organizationId());
    }

    @EventHandler
    void on(ContactErased event) {
        jdbc.update("DELETE FROM agenda_reminder_schedule WHERE contact_id = ?", event.contactId());
    }

    /** Pending reminders whose time has come at {@code now}, soonest session first. */
    List<Due> due(Instant now, int limit) {
        return jdbc.query("""
                        SELECT r.reminder_id, r.organization_id, r.contact_id, r.conversation_id, r.opted_out, s.event_id,
                               s.session_id, s.title, s.starts_at, s.ends_at, s.room, s.time_zone
                        FROM agenda_reminder_schedule r JOIN agenda_catalog_sessions s ON s.session_id = r.session_id
                        WHERE r.status = 'pending' AND NOT s.cancelled
                          AND s.starts_at - r.lead_seconds * INTERVAL '1 second' <= ?
                        ORDER BY s.starts_at, r.reminder_id LIMIT ?""",
                (rs, n) -> due(rs), Timestamp.from(now), limit);
    }

    /** Pending reminders of sessions the organization cancelled. */
    List<Due> ofCancelledSessions(int limit) {
        return jdbc.query("""
                        SELECT r.reminder_id, r.organization_id, r.contact_id, r.conversation_id, r.opted_out, s.event_id,
                               s.session_id, s.title, s.starts_at, s.ends_at, s.room, s.time_zone
                        FROM agenda_reminder_schedule r JOIN agenda_catalog_sessions s ON s.session_id = r.session_id
                        WHERE r.status = 'pending' AND s.cancelled
                        ORDER BY r.reminder_id LIMIT ?""",
                (rs, n) -> due(rs), limit);
    }

    /** How many reminders of the session are pending. */
    int pending(String sessionId) {
        Integer count = jdbc.queryForObject("""
                        SELECT count(*) FROM agenda_reminder_schedule WHERE session_id = ? AND status = 'pending'""",
                Integer.class, sessionId);
        return count == null ? 0 : count;
    }

    private static Due due(ResultSet rs) throws SQLException {
        return new Due(rs.getString("reminder_id"), rs.getString("organization_id"), rs.getString("event_id"),
                rs.getString("session_id"), rs.getString("contact_id"), rs.getString("conversation_id"), rs.getBoolean("opted_out"),
                rs.getString("title"), rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(), rs.getString("room"), rs.getString("time_zone"));
    }
}
