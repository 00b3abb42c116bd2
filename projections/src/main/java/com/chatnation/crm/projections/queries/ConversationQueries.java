package com.chatnation.crm.projections.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;

import static com.chatnation.crm.projections.queries.Rows.instant;
import static com.chatnation.crm.projections.queries.Rows.nullableInt;
import static com.chatnation.crm.projections.queries.Rows.nullableLong;

/** Reads a session's transcript from {@code messages}, always within one organization. */
@Repository
public class ConversationQueries {

    public record MessageRow(String id, String direction, String type, String text, JsonNode content, String status,
                             String module, String action, String inReplyTo, String wamid, Instant createdAt,
                             Instant queuedAt, Instant heldAt, Instant sentAt, Instant deliveredAt, Instant readAt,
                             Instant failedAt, String holdReason, Integer errorCode, String errorTitle,
                             Long tokensCharged, Instant expiredAt) {
        Cursor cursor() {
            return Cursor.of(createdAt, id);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final RowMapper<MessageRow> message;

    public ConversationQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.message = (rs, n) -> new MessageRow(rs.getString("id"), rs.getString("direction"), rs.getString("type"),
                rs.getString("text"), Rows.json(json, rs, "content"), rs.getString("status"), rs.getString("module"),
                rs.getString("action"), rs.getString("in_reply_to"), rs.getString("wamid"),
                instant(rs, "created_at"), instant(rs, "queued_at"), instant(rs, "held_at"), instant(rs, "sent_at"),
                instant(rs, "delivered_at"), instant(rs, "read_at"), instant(rs, "failed_at"),
                rs.getString("hold_reason"), nullableInt(rs, "error_code"), rs.getString("error_title"),
                nullableLong(rs, "tokens_charged"), instant(rs, "expired_at"));
    }

    /** Whether the session exists in this organization. */
    public boolean exists(String organizationId, String conversationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM conversations WHERE organization_id = :org AND id = :id)",
                new MapSqlParameterSource("org", organizationId).addValue("id", conversationId), Boolean.class));
    }

    /**
     * Inbound and outbound messages in the order they happened ({@code messages_organization_conversation_created}),
     * the message id breaking ties.
     */
    public Page<MessageRow> transcript(String organizationId, String conversationId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId)
                .addValue("conversation", conversationId).addValue("limit", limit + 1);
        String keyset = "";
        if (after != null) {
            keyset = " AND (created_at, id) > (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<MessageRow> rows = jdbc.query("""
                SELECT id, direction, type, text, content, status, module, action, in_reply_to, wamid, created_at,
                       queued_at, held_at, sent_at, delivered_at, read_at, failed_at, hold_reason, error_code,
                       error_title, tokens_charged, expired_at
                FROM messages
                WHERE organization_id = :org AND conversation_id = :conversation""" + keyset + " ORDER BY created_at, id LIMIT :limit", params, message);
        return Page.of(rows, limit, MessageRow::cursor);
    }
}
