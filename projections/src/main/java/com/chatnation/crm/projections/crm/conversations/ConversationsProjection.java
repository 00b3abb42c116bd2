package com.chatnation.crm.projections.crm.conversations;

import com.chatnation.crm.domain.conversation.AgentReplied;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.ConversationAssigned;
import com.chatnation.crm.domain.conversation.ConversationHandedOver;
import com.chatnation.crm.domain.conversation.HandedBackToBot;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.chatnation.crm.domain.conversation.ConversationClosed;
import com.chatnation.crm.domain.conversation.ConversationExpired;
import com.chatnation.crm.domain.conversation.CustomerServiceWindow;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.conversation.StateChanged;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.chatnation.crm.projections.crm.ReadModelSupport.json;
import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code conversations}: one row per session of a contact's conversation stream. Each update applies
 * only when the event's stream sequence number is above the row's {@code last_sequence}, so redelivered
 * events change nothing. The inbox reads who holds each session from it: {@code inbox_status} (bot, waiting,
 * assigned, closed), the assigned agent, and when the handover began, was first answered and ended.
 */
@Component
@ProcessingGroup(ConversationsProjection.GROUP)
public class ConversationsProjection {

    public static final String GROUP = "crm-conversations";
    public static final List<String> TABLES = List.of("conversations");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ConversationsProjection(@ReadModelJdbc JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public static List<String> tables() {
        return TABLES;
    }

    @EventHandler
    void on(ContactErased event) {
        jdbc.update("DELETE FROM conversations WHERE contact_id = ?", ContactIds.of(event.contactId()));
    }

    @EventHandler
    void on(ConversationStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Instant started = event.startedAt() != null ? event.startedAt() : at;
        jdbc.update("""
                        INSERT INTO conversations (id, organization_id, stream_id, contact_id, contact_phone, profile_name,
                                                   status, started_at, last_message_at, last_sequence, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.sessionId(), event.organizationId(), event.conversationId(),
                ContactIds.of(event.contactId()), event.contactPhone(),
                event.profileName(), utc(started), utc(started), sequence, utc(at));
    }

    @EventHandler
    void on(MessageReceived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Instant sent = event.sentAt() != null ? event.sentAt() : at;
        jdbc.update("""
                        UPDATE conversations SET message_count = message_count + 1, inbound_count = inbound_count + 1,
                            last_message_at = GREATEST(last_message_at, ?),
                            window_closes_at = GREATEST(window_closes_at, ?),
                            profile_name = COALESCE(?, profile_name),
                            awaiting_agent_since = CASE WHEN inbox_status IN ('waiting', 'assigned')
                                                        THEN COALESCE(awaiting_agent_since, ?) END,
                            last_sequence = ?, updated_at = ?
                        WHERE id = ? AND last_sequence < ?""",
                utc(sent), utc(CustomerServiceWindow.closesAfter(sent)), event.profileName(), utc(sent), sequence,
                utc(at), event.sessionId(), sequence);
    }

    @EventHandler
    void on(ReplyQueued event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE conversations SET message_count = message_count + 1, outbound_count = outbound_count + 1,
                            last_message_at = GREATEST(last_message_at, ?), last_sequence = ?, updated_at = ?
                        WHERE id = ? AND last_sequence < ?""",
                utc(at), sequence, utc(at), event.sessionId(), sequence);
    }

    @EventHandler
    void on(StateChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Map<String, String> data = event.stateData() == null ? Map.of() : new TreeMap<>(event.stateData());
        jdbc.update("""
                        UPDATE conversations SET current_state = ?, current_step = ?, current_module = ?,
                            state_data = ?::jsonb, last_sequence = ?, updated_at = ?
                        WHERE id = ? AND last_sequence < ?""",
                event.toState(), event.step(), event.module(), json(json, Map.class, data), sequence, utc(at),
                event.sessionId(), sequence);
    }

    @EventHandler
    void on(ConversationExpired event, @SequenceNumber long sequence, @Timestamp Instant at) {
        end(event.sessionId(), "expired", "inactivity", sequence, at);
    }

    @EventHandler
    void on(ConversationClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        end(event.sessionId(), "closed", event.reason(), sequence, at);
    }

    private void end(String sessionId, String status, String reason, long sequence, Instant at) {
        jdbc.update("""
                        UPDATE conversations SET status = ?, ended_at = ?, end_reason = ?, inbox_status = 'closed',
                            awaiting_agent_since = NULL, last_sequence = ?, updated_at = ?
                        WHERE id = ? AND last_sequence < ? AND status = 'active'""",
                status, utc(at), reason, sequence, utc(at), sessionId, sequence);
    }

    /**
     * A person holds the session from now on, nobody assigned yet. A contact who asked (or whom the bot could not
     * help) waits for an answer from this moment; one an agent took over has not asked for anything.
     */
    @EventHandler
    void on(ConversationHandedOver event, @SequenceNumber long sequence, @Timestamp Instant recorded) {
        Instant at = event.at() != null ? event.at() : recorded;
        boolean contactWaits = !ConversationHandedOver.AGENT_TOOK_OVER.equals(event.reason());
        jdbc.update("""
                        UPDATE conversations SET inbox_status = 'waiting', assigned_agent_id = NULL, handover_reason = ?,
                            handed_over_at = ?, awaiting_agent_since = ?, first_human_response_at = NULL,
                            resolved_at = NULL, last_sequence = ?, updated_at = ?
                        WHERE id = ? AND last_sequence < ? AND status = 'active'""",
                event.reason(), utc(at), contactWaits ? utc(at) : null, sequence, utc(recorded), event.sessionId(),
                sequence);
    }

    @EventHandler
    void on(ConversationAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE conversations SET inbox_status = 'assigned', assigned_agent_id = ?, last_sequence = ?,
                            updated_at = ?
                        WHERE id = ? AND last_sequence < ? AND inbox_status IN ('waiting', 'assigned')""",
                event.agentId(), sequence, utc(at), event.sessionId(), sequence);
    }

    /** A person answered: the contact no longer waits, and the handover's first response is known. */
    @EventHandler
    void on(AgentReplied event, @SequenceNumber long sequence, @Timestamp Instant recorded) {
        Instant at = event.at() != null ? event.at() : recorded;
        jdbc.update("""
                        UPDATE conversations SET awaiting_agent_since = NULL,
                            first_human_response_at = CASE WHEN ? THEN COALESCE(first_human_response_at, ?)
                                                           ELSE first_human_response_at END,
                            last_sequence = ?, updated_at = ?
                        WHERE id = ? AND last_sequence < ?""",
                event.handedOverAt() != null, utc(at), sequence, utc(recorded), event.sessionId(), sequence);
    }

    /** The handover ended; handed back, the bot holds the session again and nobody is assigned. */
    @EventHandler
    void on(HandedBackToBot event, @SequenceNumber long sequence, @Timestamp Instant recorded) {
        Instant at = event.at() != null ? event.at() : recorded;
        boolean handedBack = HandedBackToBot.HANDED_BACK.equals(event.reason());
        jdbc.update("""
                        UPDATE conversations SET resolved_at = ?, awaiting_agent_since = NULL,
                            inbox_status = CASE WHEN ? THEN 'bot' ELSE inbox_status END,
                            assigned_agent_id = CASE WHEN ? THEN NULL ELSE assigned_agent_id END,
                            last_sequence = ?, updated_at = ?
                        WHERE id = ? AND last_sequence < ?""",
                utc(at), handedBack, handedBack, sequence, utc(recorded), event.sessionId(), sequence);
    }
}
