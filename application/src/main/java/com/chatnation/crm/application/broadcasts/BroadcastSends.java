package com.chatnation.crm.application.broadcasts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The send list of every started broadcast ({@code broadcast_sends}): one row per recipient, from the audience
 * taken when sending started, through queued, to sent, suppressed or failed. Senders of any instance claim rows
 * with a lease ({@code FOR UPDATE SKIP LOCKED}, never the same row twice); a lease left by a stopped instance
 * runs out and the row is claimed again.
 */
@Component
class BroadcastSends {

    /** A recipient as the audience gave it when sending started. */
    record Pending(String recipientId, String broadcastId, String organizationId, UUID contactId, int position,
                   String phone, List<String> parameters, String suppression) {
    }

    /** A claimed recipient: who, with which parameters, and what earlier claims of it left. */
    record Claimed(String recipientId, String broadcastId, String organizationId, UUID contactId, String phone,
                   List<String> parameters, String handedOver, int attempts) {
    }

    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    BroadcastSends(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(List<Pending> rows) {
        jdbc.batchUpdate("""
                        INSERT INTO broadcast_sends (recipient_id, broadcast_id, organization_id, contact_id, position, phone,
                                                     parameters, suppression, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'pending')""", rows, 1000, (statement, row) -> {
                    statement.setString(1, row.recipientId());
                    statement.setString(2, row.broadcastId());
                    statement.setString(3, row.organizationId());
                    statement.setObject(4, row.contactId());
                    statement.setInt(5, row.position());
                    statement.setString(6, row.phone());
                    statement.setString(7, write(row.parameters()));
                    statement.setString(8, row.suppression());
                });
    }

    /** The next recipients still to be stored as events, locked for the caller's transaction. */
    List<Pending> pending(String broadcastId, int limit) {
        return jdbc.query("""
                        SELECT * FROM broadcast_sends WHERE broadcast_id = ? AND status = 'pending'
                        ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, n) -> new Pending(rs.getString("recipient_id"), rs.getString("broadcast_id"),
                        rs.getString("organization_id"), rs.getObject("contact_id", UUID.class), rs.getInt("position"),
                        rs.getString("phone"), read(rs.getString("parameters")), rs.getString("suppression")),
                broadcastId, limit);
    }

    /** Broadcasts with recipients not yet stored as events. */
    List<String> broadcastsWithPending() {
        return jdbc.queryForList("""
                SELECT DISTINCT s.broadcast_id FROM broadcast_runs r
                JOIN LATERAL (SELECT broadcast_id FROM broadcast_sends
                              WHERE broadcast_id = r.broadcast_id AND status = 'pending' LIMIT 1) s ON TRUE
                WHERE r.status IN ('sending', 'cancelled') AND r.settled_at IS NULL""", String.class);
    }

    void queued(List<String> recipientIds) {
        jdbc.batchUpdate("UPDATE broadcast_sends SET status = 'queued' WHERE recipient_id = ?", recipientIds, 1000,
                (statement, id) -> statement.setString(1, id));
    }

    /**
     * Claims up to {@code limit} queued recipients for {@code lease}, oldest broadcast first and in audience order
     * within one. Runs in a short transaction of its own: the lease, not a lock, keeps other senders away.
     */
    List<Claimed> claim(String sender, int limit, Duration lease) {
        return jdbc.query("""
                        WITH next AS (
                            SELECT s.recipient_id FROM broadcast_sends s
                            JOIN broadcast_runs r ON r.broadcast_id = s.broadcast_id
                            WHERE s.status = 'queued' AND r.status IN ('sending', 'cancelled')
                              AND (s.claimed_until IS NULL OR s.claimed_until < now())
                              AND (s.not_before IS NULL OR s.not_before <= now())
                            ORDER BY s.broadcast_id, s.position
                            LIMIT ? FOR UPDATE OF s SKIP LOCKED)
                        UPDATE broadcast_sends s SET claimed_by = ?, claimed_until = now() + ? * interval '1 millisecond',
                                                     attempts = attempts + 1
                        FROM next
                        WHERE s.recipient_id = next.recipient_id
                        RETURNING s.recipient_id, s.broadcast_id, s.organization_id, s.contact_id, s.phone, s.parameters,
                                  s.whatsapp_message_id, s.attempts""",
                (rs, n) -> new Claimed(rs.getString("recipient_id"), rs.getString("broadcast_id"),
                        rs.getString("organization_id"), rs.getObject("contact_id", UUID.class), rs.getString("phone"),
                        read(rs.getString("parameters")), rs.getString("whatsapp_message_id"), rs.getInt("attempts")),
                limit, sender, lease.toMillis()).stream()
                .sorted(java.util.Comparator.comparing(Claimed::broadcastId))
                .toList();
    }

    /**
     * WhatsApp took the message: the number and parameters are no longer needed; {@code claimed_by} stays, saying
     * which sender (instance and thread) sent it.
     */
    void sent(String recipientId, String wamid, Instant at) {
        jdbc.update("""
                UPDATE broadcast_sends SET status = 'sent', whatsapp_message_id = ?, sent_at = ?, phone = NULL,
                       parameters = NULL, claimed_until = NULL
                WHERE recipient_id = ?""", wamid, Timestamp.from(at), recipientId);
    }

    void ended(String recipientId, String status) {
        jdbc.update("""
                UPDATE broadcast_sends SET status = ?, phone = NULL, parameters = NULL, claimed_by = NULL,
                       claimed_until = NULL
                WHERE recipient_id = ?""", status, recipientId);
    }

    /**
     * Remembers at once, outside any transaction, that WhatsApp took the message: if recording the send then fails,
     * the next claim records this wamid instead of sending the message again.
     */
    void handedOver(String recipientId, String wamid) {
        jdbc.update("UPDATE broadcast_sends SET whatsapp_message_id = ? WHERE recipient_id = ?", wamid, recipientId);
    }

    /** Gives a claimed recipient back, to be tried again no earlier than {@code notBefore}. */
    void retryLater(String recipientId, Instant notBefore) {
        jdbc.update("""
                UPDATE broadcast_sends SET claimed_by = NULL, claimed_until = NULL, not_before = ?
                WHERE recipient_id = ? AND status = 'queued'""", Timestamp.from(notBefore), recipientId);
    }

    /** Gives back every recipient this sender still holds (a stop). */
    void releaseClaims(String sender) {
        jdbc.update("""
                UPDATE broadcast_sends SET claimed_by = NULL, claimed_until = NULL
                WHERE claimed_by = ? AND status = 'queued'""", sender);
    }

    /**
     * Marks the sends of a broadcast whose share was not captured yet as captured, and answers how many: the caller
     * captures that many shares in the same transaction, so each send is captured exactly once.
     */
    int captureSent(String broadcastId) {
        return jdbc.update("""
                UPDATE broadcast_sends SET captured = TRUE
                WHERE broadcast_id = ? AND status = 'sent' AND NOT captured""", broadcastId);
    }

    /**
     * A sent message WhatsApp later reported failed: answers whether its share had been captured (and must be given
     * back); empty when it was not a send in flight (already failed, or unknown).
     */
    Optional<Boolean> failedAfterSending(String recipientId) {
        return jdbc.query("""
                        UPDATE broadcast_sends SET status = 'failed' WHERE recipient_id = ? AND status = 'sent'
                        RETURNING captured""",
                (rs, n) -> rs.getBoolean("captured"), recipientId).stream().findFirst();
    }

    /** Whether every recipient of the broadcast is sent, suppressed or failed. */
    boolean finished(String broadcastId) {
        return Boolean.FALSE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM broadcast_sends WHERE broadcast_id = ? AND status IN ('pending', 'queued'))""",
                Boolean.class, broadcastId));
    }

    /** How many recipients were sent to (including those that failed afterwards) and how many failed. */
    int[] outcome(String broadcastId) {
        return jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent, count(*) FILTER (WHERE status = 'failed') AS failed
                FROM broadcast_sends WHERE broadcast_id = ?""",
                (rs, n) -> new int[]{rs.getInt("sent"), rs.getInt("failed")}, broadcastId);
    }

    Optional<String> recipientOf(String organizationId, String wamid) {
        return jdbc.queryForList("""
                SELECT recipient_id FROM broadcast_sends WHERE whatsapp_message_id = ? AND organization_id = ?""",
                String.class, wamid, organizationId).stream().findFirst();
    }

    /** The broadcasts' messages sent to a contact since {@code since}: the ones a message from them answers. */
    List<String> sentTo(String organizationId, UUID contactId, Instant since) {
        return jdbc.queryForList("""
                SELECT recipient_id FROM broadcast_sends
                WHERE organization_id = ? AND contact_id = ? AND status = 'sent' AND sent_at >= ?""",
                String.class, organizationId, contactId, Timestamp.from(since));
    }

    private String write(List<String> texts) {
        try {
            return texts == null ? null : json.writeValueAsString(texts);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private List<String> read(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, TEXTS);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("unreadable parameters in broadcast_sends", unreadable);
        }
    }
}
