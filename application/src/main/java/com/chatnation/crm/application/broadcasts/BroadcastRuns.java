package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.broadcast.BroadcastCancelled;
import com.chatnation.crm.domain.broadcast.BroadcastCompleted;
import com.chatnation.crm.domain.broadcast.BroadcastCreated;
import com.chatnation.crm.domain.broadcast.BroadcastHeader;
import com.chatnation.crm.domain.broadcast.BroadcastScheduled;
import com.chatnation.crm.domain.broadcast.BroadcastStarted;
import com.chatnation.crm.domain.broadcast.ParameterBinding;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sender's view of each broadcast ({@code broadcast_runs}): template, parameter bindings, audience, status and
 * price. Kept by the broadcast's own events in the transaction that stores them, so a cancel is seen by the
 * senders of every instance the moment it commits, and a scheduled time survives any restart.
 */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class BroadcastRuns {

    record Run(String broadcastId, String organizationId, String name, String templateName, String templateLanguage,
               String templateCategory, List<ParameterBinding> parameters, BroadcastHeader header, String audienceId,
               String callbackData, String status, Long price, long tokensReserved, Instant settledAt) {

        boolean marketing() {
            return "MARKETING".equals(templateCategory);
        }
    }

    private static final TypeReference<List<ParameterBinding>> BINDINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    BroadcastRuns(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(BroadcastCreated event) throws JsonProcessingException {
        jdbc.update("""
                        INSERT INTO broadcast_runs (broadcast_id, organization_id, name, template_name, template_language,
                                                    template_category, parameters, header, audience_id, callback_data,
                                                    status)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, 'draft') ON CONFLICT (broadcast_id) DO NOTHING""",
                event.broadcastId(), event.organizationId(), event.name(), event.template().name(),
                event.template().language(), event.template().category(), json.writeValueAsString(event.parameters()),
                event.header() == null ? null : json.writeValueAsString(event.header()), event.audienceId(),
                event.callbackData());
    }

    @EventHandler
    void on(BroadcastScheduled event) {
        jdbc.update("UPDATE broadcast_runs SET status = 'scheduled', send_at = ? WHERE broadcast_id = ?",
                Timestamp.from(event.sendAt()), event.broadcastId());
    }

    @EventHandler
    void on(BroadcastStarted event) {
        jdbc.update("UPDATE broadcast_runs SET status = 'sending', tokens_reserved = ? WHERE broadcast_id = ?",
                event.tokensReserved(), event.broadcastId());
    }

    @EventHandler
    void on(BroadcastCancelled event) {
        jdbc.update("UPDATE broadcast_runs SET status = 'cancelled' WHERE broadcast_id = ?", event.broadcastId());
    }

    @EventHandler
    void on(BroadcastCompleted event) {
        jdbc.update("UPDATE broadcast_runs SET status = 'completed' WHERE broadcast_id = ?", event.broadcastId());
    }

    Optional<Run> find(String organizationId, String broadcastId) {
        return jdbc.query("SELECT * FROM broadcast_runs WHERE organization_id = ? AND broadcast_id = ?", this::run,
                organizationId, broadcastId).stream().findFirst();
    }

    Optional<Run> find(String broadcastId) {
        return jdbc.query("SELECT * FROM broadcast_runs WHERE broadcast_id = ?", this::run, broadcastId).stream()
                .findFirst();
    }

    private Run run(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Run(rs.getString("broadcast_id"), rs.getString("organization_id"), rs.getString("name"),
                rs.getString("template_name"), rs.getString("template_language"), rs.getString("template_category"),
                bindings(rs.getString("parameters")), header(rs.getString("header")), rs.getString("audience_id"),
                rs.getString("callback_data"), rs.getString("status"), rs.getObject("price", Long.class),
                rs.getLong("tokens_reserved"),
                rs.getTimestamp("settled_at") == null ? null : rs.getTimestamp("settled_at").toInstant());
    }

    /** Locks the run's row for the caller's transaction; answers its status. */
    String lock(String broadcastId) {
        return jdbc.queryForObject("SELECT status FROM broadcast_runs WHERE broadcast_id = ? FOR UPDATE", String.class,
                broadcastId);
    }

    /** The price per message, fixed when sending starts, so a price list changed mid-broadcast changes nothing. */
    void fixPrice(String broadcastId, long price) {
        jdbc.update("UPDATE broadcast_runs SET price = ? WHERE broadcast_id = ?", price, broadcastId);
    }

    /** Scheduled broadcasts whose time has come. */
    List<String> due(Instant now) {
        return jdbc.queryForList("""
                SELECT broadcast_id FROM broadcast_runs WHERE status = 'scheduled' AND send_at <= ?
                ORDER BY send_at LIMIT 100""", String.class, Timestamp.from(now));
    }

    /** Broadcasts that started and whose reservation is still open. */
    List<String> unsettled() {
        return jdbc.queryForList("""
                SELECT broadcast_id FROM broadcast_runs
                WHERE status IN ('sending', 'cancelled') AND settled_at IS NULL AND price IS NOT NULL""", String.class);
    }

    void settled(String broadcastId) {
        jdbc.update("UPDATE broadcast_runs SET settled_at = now() WHERE broadcast_id = ?", broadcastId);
    }

    private BroadcastHeader header(String text) {
        try {
            return text == null ? null : json.readValue(text, BroadcastHeader.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("unreadable header in broadcast_runs", unreadable);
        }
    }

    private List<ParameterBinding> bindings(String text) {
        try {
            return json.readValue(text, BINDINGS);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("unreadable parameter bindings in broadcast_runs", unreadable);
        }
    }
}
