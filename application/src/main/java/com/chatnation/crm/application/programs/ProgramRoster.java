package com.chatnation.crm.application.programs;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.ContactOptedIn;
import com.chatnation.crm.domain.conversation.ContactOptedOut;
import com.chatnation.crm.domain.program.ProgramItemDelivered;
import com.chatnation.crm.domain.program.SubscribedToProgram;
import com.chatnation.crm.domain.program.UnsubscribedFromProgram;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

/**
 * Who receives which program ({@code program_roster}), kept in the transactions of the subscriptions' events (the
 * command catalogs' subscribing group), for the delivery schedule. A contact's marketing opt-out marks their
 * subscriptions (the schedule ends them at their next slot); their erasure takes them off the roster at once.
 */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class ProgramRoster {

    private final JdbcTemplate jdbc;

    ProgramRoster(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A subscription whose slot has come. */
    record Due(String subscriptionId, String organizationId, String contactId, String conversationId,
               int lastSequence, boolean optedOut) {
    }

    @EventHandler
    void on(SubscribedToProgram event) {
        jdbc.update("""
                        INSERT INTO program_roster (subscription_id, program_id, organization_id, contact_id,
                                                    conversation_id, active, last_sequence, subscribed_at)
                        VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)
                        ON CONFLICT (subscription_id) DO UPDATE SET active = TRUE,
                            last_sequence = GREATEST(program_roster.last_sequence, EXCLUDED.last_sequence),
                            conversation_id = COALESCE(EXCLUDED.conversation_id, program_roster.conversation_id),
                            subscribed_at = EXCLUDED.subscribed_at, opted_out = FALSE""",
                event.subscriptionId(), event.programId(), event.organizationId(), event.contactId(),
                event.conversationId(), event.startAfterSequence(), Timestamp.from(event.at()));
    }

    @EventHandler
    void on(UnsubscribedFromProgram event) {
        jdbc.update("UPDATE program_roster SET active = FALSE WHERE subscription_id = ?", event.subscriptionId());
    }

    @EventHandler
    void on(ProgramItemDelivered event) {
        jdbc.update("""
                        UPDATE program_roster SET last_slot_date = ?,
                            last_sequence = COALESCE(?, last_sequence) WHERE subscription_id = ?""",
                Date.valueOf(event.slotDate()), event.sequenceNumber(), event.subscriptionId());
    }

    @EventHandler
    void on(ContactOptedOut event) {
        jdbc.update("UPDATE program_roster SET opted_out = TRUE WHERE contact_id = ? AND organization_id = ?",
                event.contactId(), event.organizationId());
    }

    @EventHandler
    void on(ContactOptedIn event) {
        jdbc.update("UPDATE program_roster SET opted_out = FALSE WHERE contact_id = ? AND organization_id = ?",
                event.contactId(), event.organizationId());
    }

    @EventHandler
    void on(ContactErased event) {
        jdbc.update("DELETE FROM program_roster WHERE contact_id = ?", event.contactId());
    }

    /**
     * Active subscriptions of a program not yet looked at for the slot of {@code slotDate} that started before the
     * slot: a contact who joins after today's slot starts at the next one.
     */
    List<Due> due(String programId, LocalDate slotDate, java.time.Instant slot, int limit) {
        return jdbc.query("""
                        SELECT subscription_id, organization_id, contact_id, conversation_id, last_sequence, opted_out
                        FROM program_roster
                        WHERE program_id = ? AND active AND (last_slot_date IS NULL OR last_slot_date < ?)
                          AND subscribed_at <= ?
                        ORDER BY subscription_id LIMIT ?""",
                (rs, n) -> new Due(rs.getString("subscription_id"), rs.getString("organization_id"),
                        rs.getString("contact_id"), rs.getString("conversation_id"), rs.getInt("last_sequence"),
                        rs.getBoolean("opted_out")),
                programId, Date.valueOf(slotDate), Timestamp.from(slot), limit);
    }

    /** The slot was looked at and there was nothing (new) to send: the subscription waits for the next one. */
    void nothingFor(String subscriptionId, LocalDate slotDate) {
        jdbc.update("UPDATE program_roster SET last_slot_date = ? WHERE subscription_id = ?", Date.valueOf(slotDate),
                subscriptionId);
    }
}
