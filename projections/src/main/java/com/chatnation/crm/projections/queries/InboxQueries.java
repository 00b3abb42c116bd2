package com.chatnation.crm.projections.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static com.chatnation.crm.projections.queries.Rows.instant;
import static com.chatnation.crm.projections.queries.Rows.nullableInt;
import static com.chatnation.crm.projections.queries.Rows.nullableLong;

/**
 * The inbox: an organization's sessions ({@code conversations}) by who holds them, one session with its notes, and
 * its transcript with who of the team wrote each reply. Every query is within one organization; every list is
 * newest activity first, keyset paginated on {@code (last_message_at, id)}, each filter on an index of its own
 * ({@code conversations_inbox}, {@code conversations_inbox_agent}, {@code conversations_inbox_awaiting}).
 */
@Repository
public class InboxQueries {

    /** Which sessions a list shows. */
    public enum Filter {
        /** Sessions the bot holds. */
        BOT,
        /** Handed-over sessions whose contact waits for a person's answer (assigned or not). */
        WAITING,
        /** Handed-over sessions assigned to the caller. */
        MINE,
        /** Handed-over sessions nobody is assigned to. */
        UNASSIGNED,
        /** Sessions that ended (closed or expired). */
        CLOSED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The filter of that name (any case), or null. */
        public static Filter parse(String value) {
            for (Filter filter : values()) {
                if (filter.wireName().equalsIgnoreCase(value)) {
                    return filter;
                }
            }
            return null;
        }
    }

    /** The session's latest message or reply; {@code text} is null once retention blanked it. */
    public record LastMessage(String direction, String type, String text, Instant at) {
    }

    /**
     * One session as the inbox shows it. {@code id} is the session; {@code conversationId} the contact's stream.
     * {@code inboxStatus}: bot, waiting (handed over, nobody assigned), assigned or closed. {@code windowSecondsLeft}:
     * how long free-form replies still reach the contact (0 once the 24-hour window has closed).
     */
    public record InboxItem(String id, String conversationId, UUID contactId, String contactPhone, String profileName,
                            String inboxStatus, String status, String currentState, String assignedAgentId,
                            String handoverReason, Instant handedOverAt, Instant awaitingAgentSince,
                            Instant firstHumanResponseAt, Instant resolvedAt, Instant windowClosesAt,
                            Long windowSecondsLeft, Instant startedAt, Instant lastMessageAt, Instant endedAt,
                            String endReason, int messageCount, LastMessage lastMessage) {
        Cursor cursor() {
            return Cursor.of(lastMessageAt, id);
        }
    }

    /** An internal note; {@code text} is null once retention blanked it. */
    public record NoteRow(String id, String agentId, String text, Instant createdAt) {
    }

    /** A message of the transcript; {@code agentId} names the person who wrote a reply (null: the bot). */
    public record TranscriptMessage(String id, String direction, String type, String text, JsonNode content,
                                    String status, String module, String action, String agentId, String templateName,
                                    String inReplyTo, String wamid, Instant createdAt, Instant queuedAt,
                                    Instant heldAt, Instant sentAt, Instant deliveredAt, Instant readAt,
                                    Instant failedAt, Instant expiredAt, String holdReason, Integer errorCode,
                                    String errorTitle, Long tokensCharged) {
        Cursor cursor() {
            return Cursor.of(createdAt, id);
        }
    }

    private static final String ITEM = """
            SELECT c.id, c.stream_id, c.contact_id, c.contact_phone, c.profile_name, c.inbox_status, c.status,
                   c.current_state, c.assigned_agent_id, c.handover_reason, c.handed_over_at, c.awaiting_agent_since,
                   c.first_human_response_at, c.resolved_at, c.window_closes_at, c.started_at, c.last_message_at,
                   c.ended_at, c.end_reason, c.message_count,
                   GREATEST(0, floor(extract(epoch FROM c.window_closes_at - now())))::bigint AS window_seconds_left,
                   m.direction AS last_direction, m.type AS last_type, m.text AS last_text, m.created_at AS last_at
            FROM conversations c
            LEFT JOIN LATERAL (SELECT direction, type, text, created_at FROM messages
                               WHERE organization_id = c.organization_id AND conversation_id = c.id
                               ORDER BY created_at DESC, id DESC LIMIT 1) m ON TRUE
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final RowMapper<InboxItem> items;
    private final RowMapper<TranscriptMessage> messages;

    public InboxQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.items = (rs, n) -> new InboxItem(rs.getString("id"), rs.getString("stream_id"),
                rs.getObject("contact_id", UUID.class), rs.getString("contact_phone"), rs.getString("profile_name"),
                rs.getString("inbox_status"), rs.getString("status"), rs.getString("current_state"),
                rs.getString("assigned_agent_id"), rs.getString("handover_reason"), instant(rs, "handed_over_at"),
                instant(rs, "awaiting_agent_since"), instant(rs, "first_human_response_at"),
                instant(rs, "resolved_at"), instant(rs, "window_closes_at"), nullableLong(rs, "window_seconds_left"),
                instant(rs, "started_at"),
                instant(rs, "last_message_at"), instant(rs, "ended_at"), rs.getString("end_reason"),
                rs.getInt("message_count"), rs.getString("last_direction") == null ? null
                : new LastMessage(rs.getString("last_direction"), rs.getString("last_type"),
                rs.getString("last_text"), instant(rs, "last_at")));
        this.messages = (rs, n) -> new TranscriptMessage(rs.getString("id"), rs.getString("direction"),
                rs.getString("type"), rs.getString("text"), Rows.json(json, rs, "content"), rs.getString("status"),
                rs.getString("module"), rs.getString("action"), rs.getString("agent_id"),
                rs.getString("template_name"), rs.getString("in_reply_to"), rs.getString("wamid"),
                instant(rs, "created_at"), instant(rs, "queued_at"), instant(rs, "held_at"), instant(rs, "sent_at"),
                instant(rs, "delivered_at"), instant(rs, "read_at"), instant(rs, "failed_at"),
                instant(rs, "expired_at"), rs.getString("hold_reason"), nullableInt(rs, "error_code"),
                rs.getString("error_title"), nullableLong(rs, "tokens_charged"));
    }

    /** @param agentId the caller, for {@link Filter#MINE} */
    public Page<InboxItem> list(String organizationId, Filter filter, String agentId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        String where = switch (filter) {
            case BOT -> "c.inbox_status = 'bot'";
            case UNASSIGNED -> "c.inbox_status = 'waiting'";
            case CLOSED -> "c.inbox_status = 'closed'";
            case WAITING -> "c.awaiting_agent_since IS NOT NULL";
            case MINE -> {
                params.addValue("agent", agentId);
                yield "c.inbox_status = 'assigned' AND c.assigned_agent_id = :agent";
            }
        };
        String keyset = "";
        if (after != null) {
            keyset = " AND (c.last_message_at, c.id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<InboxItem> rows = jdbc.query(ITEM + "WHERE c.organization_id = :org AND " + where + keyset
                + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit", params, items);
        return Page.of(rows, limit, InboxItem::cursor);
    }

    /** One session of the organization. */
    public Optional<InboxItem> item(String organizationId, String sessionId) {
        return jdbc.query(ITEM + "WHERE c.organization_id = :org AND c.id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", sessionId), items).stream().findFirst();
    }

    /** The session's notes, oldest first (at most {@code limit}, the newest kept when there are more). */
    public List<NoteRow> notes(String organizationId, String sessionId, int limit) {
        return jdbc.query("""
                        SELECT id, agent_id, text, created_at FROM (
                            SELECT id, agent_id, text, created_at FROM conversation_notes
                            WHERE organization_id = :org AND conversation_id = :id
                            ORDER BY created_at DESC, id DESC LIMIT :limit) newest
                        ORDER BY created_at, id""",
                new MapSqlParameterSource("org", organizationId).addValue("id", sessionId).addValue("limit", limit),
                (rs, n) -> new NoteRow(rs.getString("id"), rs.getString("agent_id"), rs.getString("text"),
                        instant(rs, "created_at")));
    }

    /** The session's messages and replies in the order they happened. */
    public Page<TranscriptMessage> transcript(String organizationId, String sessionId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId)
                .addValue("id", sessionId).addValue("limit", limit + 1);
        String keyset = "";
        if (after != null) {
            keyset = " AND (created_at, id) > (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<TranscriptMessage> rows = jdbc.query("""
                SELECT id, direction, type, text, content, status, module, action, agent_id, template_name, in_reply_to,
                       wamid, created_at, queued_at, held_at, sent_at, delivered_at, read_at, failed_at, expired_at,
                       hold_reason, error_code, error_title, tokens_charged
                FROM messages
                WHERE organization_id = :org AND conversation_id = :id""" + keyset
                + " ORDER BY created_at, id LIMIT :limit", params, messages);
        return Page.of(rows, limit, TranscriptMessage::cursor);
    }
}
