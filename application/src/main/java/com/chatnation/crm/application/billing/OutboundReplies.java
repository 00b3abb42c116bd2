package com.chatnation.crm.application.billing;

import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The dispatcher's queue of replies, in {@code outbound_replies}. */
@Repository
class OutboundReplies {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate handOver;

    OutboundReplies(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.handOver = new TransactionTemplate(transactions);
        this.handOver.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * @param handedOverAs   the WhatsApp message id a previous attempt handed the reply over as; null when none did
     * @param templateTokens when it was handed over as its re-engagement template, what that was charged; else null
     */
    record Row(String replyId, String organizationId, String conversationId, String contactPhone, String module,
               String action, OutboundReply reply, String inReplyTo, String status, String handedOverAs,
               Long templateTokens, Instant windowClosesAt, String reengageTemplate) {

        /** Whether the contact's window had closed at {@code now}; a reply with no known window is sent as before. */
        boolean outsideWindow(Instant now) {
            return windowClosesAt != null && !now.isBefore(windowClosesAt);
        }

        Row with(String handedOverAs, Long templateTokens, Instant windowClosesAt) {
            return new Row(replyId, organizationId, conversationId, contactPhone, module, action, reply, inReplyTo,
                    status, handedOverAs, templateTokens, windowClosesAt, reengageTemplate);
        }
    }

    void add(ReplyQueued event, Instant at) {
        jdbc.update("""
                        INSERT INTO outbound_replies (reply_id, organization_id, conversation_id, contact_phone, module,
                            action, reply, in_reply_to, status, queued_at, updated_at, window_closes_at,
                            reengage_template)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'pending', ?, ?, ?, ?)
                        ON CONFLICT (reply_id) DO NOTHING""",
                event.replyId(), event.organizationId(), event.conversationId(), event.contactPhone(), event.module(),
                event.action(), write(event.message()), event.inReplyToMessageId(), Timestamp.from(at), Timestamp.from(at),
                event.windowClosesAt() == null ? null : Timestamp.from(event.windowClosesAt()),
                event.reengageTemplate());
    }

    /**
     * The conversation's unsent replies in order, locked so one conversation is never drained twice at once, each
     * with the WhatsApp message id it was handed over as if a previous attempt got that far. A reply's window is the
     * latest any open reply of the conversation knows: a reply held for tokens, then a newer message from the contact,
     * reopens the window for the held reply too.
     * <p>
     * The hand-overs are read by a statement of their own, after the rows are locked. Joined into the locking query,
     * they came from that statement's snapshot: a drain that had waited for the lock of another one (which sent a
     * reply, recorded its hand-over and then rolled back) saw no hand-over and sent the reply a second time.
     */
    List<Row> openInOrderLocked(String conversationId) {
        List<Row> open = jdbc.query("""
                        SELECT r.* FROM outbound_replies r
                        WHERE r.conversation_id = ? AND r.status IN ('pending', 'held')
                        ORDER BY r.sequence FOR UPDATE""",
                (rs, n) -> new Row(rs.getString("reply_id"), rs.getString("organization_id"),
                        rs.getString("conversation_id"), rs.getString("contact_phone"), rs.getString("module"),
                        rs.getString("action"), read(rs.getString("reply")), rs.getString("in_reply_to"),
                        rs.getString("status"), null, null,
                        rs.getTimestamp("window_closes_at") == null ? null
                                : rs.getTimestamp("window_closes_at").toInstant(),
                        rs.getString("reengage_template")),
                conversationId);
        if (open.isEmpty()) {
            return open;
        }
        Map<String, Object[]> handovers = new HashMap<>();
        jdbc.query("SELECT reply_id, whatsapp_message_id, template_tokens FROM reply_handovers WHERE reply_id = ANY (?)",
                rs -> {
                    handovers.put(rs.getString(1), new Object[] {rs.getString(2), rs.getObject(3, Long.class)});
                }, (Object) open.stream().map(Row::replyId).toArray(String[]::new));
        Instant latestWindow = open.stream().map(Row::windowClosesAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return open.stream().map(row -> {
            Object[] handover = handovers.getOrDefault(row.replyId(), new Object[2]);
            return row.with((String) handover[0], (Long) handover[1], latestWindow);
        }).toList();
    }

    List<String> conversationsHolding(String organizationId) {
        return jdbc.queryForList("""
                SELECT conversation_id FROM outbound_replies WHERE organization_id = ? AND status = 'held'
                GROUP BY conversation_id ORDER BY min(sequence)""", String.class, organizationId);
    }

    /**
     * Conversations with a reply still {@code pending} (neither sent nor held) that has not changed for
     * {@code quietFor}, oldest first: replies whose hand-over to the senders was lost.
     */
    List<String> conversationsPendingFor(Duration quietFor, int limit) {
        return jdbc.queryForList("""
                SELECT conversation_id FROM outbound_replies
                WHERE status = 'pending' AND updated_at < now() - make_interval(secs => ?)
                GROUP BY conversation_id ORDER BY min(sequence) LIMIT ?""", String.class,
                quietFor.toMillis() / 1000.0, limit);
    }

    void held(String replyId) {
        jdbc.update("UPDATE outbound_replies SET status = 'held', attempts = attempts + 1, updated_at = now() "
                + "WHERE reply_id = ?", replyId);
    }

    /**
     * Remembers, in a transaction of its own, that WhatsApp took the reply. If the dispatcher's transaction then
     * fails (another instance wrote to the same conversation first), the retry finds the id here and does not
     * send the message a second time.
     */
    void handedOver(String replyId, String whatsappMessageId) {
        handedOver(replyId, whatsappMessageId, null);
    }

    /** Like {@link #handedOver(String, String)}, for a reply sent as its re-engagement template instead. */
    void handedOverAsTemplate(String replyId, String whatsappMessageId, long templateTokens) {
        handedOver(replyId, whatsappMessageId, templateTokens);
    }

    private void handedOver(String replyId, String whatsappMessageId, Long templateTokens) {
        // A table of its own: the dispatcher's transaction holds the reply's row in outbound_replies locked.
        handOver.executeWithoutResult(status -> jdbc.update("""
                INSERT INTO reply_handovers (reply_id, whatsapp_message_id, template_tokens) VALUES (?, ?, ?)
                ON CONFLICT (reply_id) DO NOTHING""", replyId, whatsappMessageId, templateTokens));
    }

    void sent(String replyId, String whatsappMessageId, long tokensCharged) {
        jdbc.update("UPDATE outbound_replies SET status = 'sent', whatsapp_message_id = ?, tokens_charged = ?, "
                + "attempts = attempts + 1, updated_at = now() WHERE reply_id = ?", whatsappMessageId, tokensCharged, replyId);
    }

    /** @param tokensCharged what the reply was charged before WhatsApp refused it (refunded separately) */
    void failed(String replyId, Integer code, String title, long tokensCharged) {
        jdbc.update("UPDATE outbound_replies SET status = 'failed', error_code = ?, error_title = ?, tokens_charged = ?, "
                + "attempts = attempts + 1, updated_at = now() WHERE reply_id = ?", code, title, tokensCharged, replyId);
    }

    /** @param tokensCharged what was charged before WhatsApp answered 131047 (refunded separately); 0 otherwise */
    void expired(String replyId, Integer code, String title, long tokensCharged) {
        jdbc.update("UPDATE outbound_replies SET status = 'expired', error_code = ?, error_title = ?, tokens_charged = ?, "
                + "attempts = attempts + 1, updated_at = now() WHERE reply_id = ?", code, title, tokensCharged, replyId);
    }

    private String write(OutboundReply reply) {
        try {
            return json.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply could not be written as JSON", e);
        }
    }

    private OutboundReply read(String reply) {
        try {
            return json.readValue(reply, OutboundReply.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbound_replies holds a reply that no longer reads", e);
        }
    }

    /**
     * A reply WhatsApp accepted and later reported failed: marks it failed, once, and returns the tokens it was
     * charged (0 when it was already failed, never charged, or is not known here).
     */
    long failedAfterSending(String replyId, Integer code, String title) {
        List<Long> charged = jdbc.queryForList("""
                UPDATE outbound_replies SET status = 'failed', error_code = ?, error_title = ?, updated_at = now()
                WHERE reply_id = ? AND status = 'sent'
                RETURNING tokens_charged""", Long.class, code, title, replyId);
        return charged.isEmpty() || charged.get(0) == null ? 0 : charged.get(0);
    }
}
