package com.chatnation.crm.projections.crm.conversations;

import com.chatnation.crm.domain.conversation.AgentReplied;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.NoteAdded;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyFailed;
import com.chatnation.crm.domain.conversation.ReplyHeld;
import com.chatnation.crm.domain.conversation.ReplyExpired;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.domain.conversation.ReplySent;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.conversation.ConversationEvent;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static com.chatnation.crm.projections.crm.ReadModelSupport.json;
import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code messages} and {@code conversation_notes}. Inbound messages are keyed by their WhatsApp id,
 * replies by their reply id. Every reply event upserts its row, so events may arrive in any order: the status only
 * moves forward along {@code message_status_rank} (queued, held, sent, delivered, failed, read) and each status keeps
 * the first time it was reached. A reply a person wrote names them ({@code agent_id}). The team's internal notes are
 * kept beside the transcript, keyed by note id.
 */
@Component
@ProcessingGroup(MessagesProjection.GROUP)
public class MessagesProjection {

    public static final String GROUP = "crm-messages";
    public static final List<String> TABLES = List.of("messages", "conversation_notes");

    /** The common upsert of a reply's status: the status never moves back, other columns fill in once. */
    private static final String UPSERT_REPLY = """
            INSERT INTO messages (id, organization_id, conversation_id, stream_id, contact_id, contact_phone, direction,
                                  status, %1$s, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 'outbound', ?, %2$s, ?)
            ON CONFLICT (id) DO UPDATE SET
                status = CASE WHEN message_status_rank(excluded.status) > message_status_rank(messages.status)
                              THEN excluded.status ELSE messages.status END,
                %3$s,
                created_at = LEAST(messages.created_at, excluded.created_at)""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public MessagesProjection(@ReadModelJdbc JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public static List<String> tables() {
        return TABLES;
    }

    /** The transcript and notes of an erased contact go; rollups keep the message counts. */
    @EventHandler
    void on(ContactErased event) {
        jdbc.update("DELETE FROM messages WHERE contact_id = ?", ContactIds.of(event.contactId()));
        jdbc.update("DELETE FROM conversation_notes WHERE contact_id = ?", ContactIds.of(event.contactId()));
    }

    /** Sealed like the contact's words: read without its key (erased, or past retention) the text is null. */
    @EventHandler
    void on(NoteAdded event, @Timestamp Instant recorded) {
        jdbc.update("""
                        INSERT INTO conversation_notes (id, organization_id, conversation_id, stream_id, contact_id,
                                                        agent_id, text, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.noteId(), event.organizationId(), event.sessionId(), event.conversationId(), contactId(event),
                event.agentId(), event.text(), utc(event.at() != null ? event.at() : recorded));
    }

    /** Who of the team wrote the reply, and the template it goes out as. */
    @EventHandler
    void on(AgentReplied event, @Timestamp Instant at) {
        String sql = UPSERT_REPLY.formatted("agent_id, template_name", "?, ?", """
                agent_id = COALESCE(messages.agent_id, excluded.agent_id),
                template_name = COALESCE(messages.template_name, excluded.template_name)""");
        jdbc.update(sql, event.replyId(), event.organizationId(), event.sessionId(), event.conversationId(),
                contactId(event), null, "queued", event.agentId(), event.templateName(), utc(at));
    }

    @EventHandler
    void on(MessageReceived event, @Timestamp Instant at) {
        MessageContent content = event.content();
        MessageContext context = event.context();
        Instant sent = event.sentAt() != null ? event.sentAt() : at;
        jdbc.update("""
                        INSERT INTO messages (id, organization_id, conversation_id, stream_id, contact_id, contact_phone,
                                              direction, type, content, context, text, wamid, status, in_reply_to, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'inbound', ?, ?::jsonb, ?::jsonb, ?, ?, 'received', ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.messageId(), event.organizationId(), event.sessionId(), event.conversationId(),
                contactId(event), event.contactPhone(),
                content == null ? null : content.type(), contentJson(content),
                json(json, MessageContext.class, context), content == null ? null : content.readableText(),
                event.messageId(), context == null ? null : context.repliedToMessageId(), utc(sent));
    }

    @EventHandler
    void on(ReplyQueued event, @Timestamp Instant at) {
        OutboundReply reply = event.message();
        String sql = UPSERT_REPLY.formatted(
                "type, content, text, module, action, in_reply_to, queued_at",
                "?, ?::jsonb, ?, ?, ?, ?, ?",
                """
                type = excluded.type, content = excluded.content, text = excluded.text, module = excluded.module,
                action = excluded.action, in_reply_to = excluded.in_reply_to,
                queued_at = COALESCE(messages.queued_at, excluded.queued_at)""");
        jdbc.update(sql, event.replyId(), event.organizationId(), event.sessionId(), event.conversationId(),
                contactId(event), event.contactPhone(), "queued",
                replyType(reply), json(json, OutboundReply.class, reply), reply == null ? null : reply.fallbackText(),
                event.module(), event.action(), event.inReplyToMessageId(), utc(at), utc(at));
    }

    @EventHandler
    void on(ReplyHeld event, @Timestamp Instant at) {
        String sql = UPSERT_REPLY.formatted("held_at, hold_reason", "?, ?", """
                held_at = COALESCE(messages.held_at, excluded.held_at),
                hold_reason = COALESCE(messages.hold_reason, excluded.hold_reason)""");
        jdbc.update(sql, event.replyId(), event.organizationId(), event.sessionId(), event.conversationId(),
                contactId(event), null, "held", utc(at), event.reason(), utc(at));
    }

    @EventHandler
    void on(ReplySent event, @Timestamp Instant at) {
        String sql = UPSERT_REPLY.formatted("sent_at, wamid, tokens_charged", "?, ?, ?", """
                sent_at = COALESCE(messages.sent_at, excluded.sent_at),
                wamid = COALESCE(messages.wamid, excluded.wamid),
                tokens_charged = COALESCE(messages.tokens_charged, excluded.tokens_charged)""");
        jdbc.update(sql, event.replyId(), event.organizationId(), event.sessionId(), event.conversationId(),
                contactId(event), null, "sent", utc(at), event.whatsappMessageId(),
                event.tokensCharged(), utc(at));
    }

    /** WhatsApp's delivery reports; the status rank keeps a late "delivered" from undoing "read". */
    @EventHandler
    void on(ReplyDeliveryUpdated event, @Timestamp Instant recordedAt) {
        Instant at = event.at() == null ? recordedAt : event.at();
        String column = switch (event.status()) {
            case SENT -> "sent_at";
            case DELIVERED -> "delivered_at";
            case READ -> "read_at";
            case FAILED -> "failed_at";
        };
        String sql = UPSERT_REPLY.formatted(column + ", wamid, error_code, error_title", "?, ?, ?, ?", """
                %1$s = COALESCE(messages.%1$s, excluded.%1$s),
                wamid = COALESCE(messages.wamid, excluded.wamid),
                error_code = COALESCE(messages.error_code, excluded.error_code),
                error_title = COALESCE(messages.error_title, excluded.error_title)""".formatted(column));
        jdbc.update(sql, event.replyId(), event.organizationId(), event.sessionId(), event.conversationId(),
                contactId(event), null, event.status().wireName(), utc(at), event.whatsappMessageId(),
                event.errorCode(), event.errorTitle(), utc(recordedAt));
    }

    @EventHandler
    void on(ReplyFailed event, @Timestamp Instant at) {
        String sql = UPSERT_REPLY.formatted("failed_at, error_code, error_title", "?, ?, ?", """
                failed_at = COALESCE(messages.failed_at, excluded.failed_at),
                error_code = COALESCE(messages.error_code, excluded.error_code),
                error_title = COALESCE(messages.error_title, excluded.error_title)""");
        jdbc.update(sql, event.replyId(), event.organizationId(), event.sessionId(), event.conversationId(),
                contactId(event), null, "failed", utc(at), event.errorCode(), event.errorTitle(),
                utc(at));
    }

    /** Never sent: the contact's window had closed. Shown in the transcript as {@code expired}. */
    @EventHandler
    void on(ReplyExpired event, @Timestamp Instant at) {
        String sql = UPSERT_REPLY.formatted("expired_at, error_title", "?, ?", """
                expired_at = COALESCE(messages.expired_at, excluded.expired_at),
                error_title = COALESCE(messages.error_title, excluded.error_title)""");
        jdbc.update(sql, event.replyId(), event.organizationId(), event.sessionId(), event.conversationId(),
                contactId(event), null, "expired", utc(at), "window closed (" + event.reason() + ")", utc(at));
    }

    /** The content as JSON; its {@code variant} property says which kind of message it is. */
    private String contentJson(MessageContent content) {
        return json(json, MessageContent.class, content);
    }

    private static Object contactId(ConversationEvent event) {
        return ContactIds.of(event.contactId());
    }

    private static String replyType(OutboundReply reply) {
        if (reply == null) {
            return null;
        }
        if (reply instanceof OutboundReply.Buttons) {
            return "buttons";
        }
        if (reply instanceof OutboundReply.ChoiceList) {
            return "list";
        }
        if (reply instanceof OutboundReply.Image) {
            return "image";
        }
        return "text";
    }
}
