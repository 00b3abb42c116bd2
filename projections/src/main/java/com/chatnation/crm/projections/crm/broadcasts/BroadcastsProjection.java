package com.chatnation.crm.projections.crm.broadcasts;

import com.chatnation.crm.domain.broadcast.BroadcastCancelled;
import com.chatnation.crm.domain.broadcast.BroadcastCompleted;
import com.chatnation.crm.domain.broadcast.BroadcastCreated;
import com.chatnation.crm.domain.broadcast.BroadcastScheduled;
import com.chatnation.crm.domain.broadcast.BroadcastStarted;
import com.chatnation.crm.domain.broadcast.RecipientDeliveryUpdated;
import com.chatnation.crm.domain.broadcast.RecipientQueued;
import com.chatnation.crm.domain.broadcast.RecipientReplied;
import com.chatnation.crm.domain.broadcast.RecipientSent;
import com.chatnation.crm.domain.broadcast.RecipientSuppressed;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code broadcasts} and {@code broadcast_recipients}. A recipient's statuses only move forward in its
 * aggregate, so each event sets the row's status; the timestamps of every stage are kept for the funnel. An erased
 * contact keeps their recipient rows without the number: the broadcast's counts stay right.
 */
@Component
@ProcessingGroup(BroadcastsProjection.GROUP)
public class BroadcastsProjection {

    public static final String GROUP = "crm-broadcasts";
    public static final List<String> TABLES = List.of("broadcasts", "broadcast_recipients");

    /** The new status (bound twice) if it overtakes the row's: redelivered older events never move a row back. */
    private static final String FORWARD = "CASE WHEN broadcast_recipient_rank(?) > broadcast_recipient_rank(status) "
            + "THEN ? ELSE status END";

    private final JdbcTemplate jdbc;

    public BroadcastsProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BroadcastCreated event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO broadcasts (id, organization_id, name, template_name, template_language,
                                                template_category, audience_id, callback_data, status, created_at,
                                                updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.broadcastId(), event.organizationId(), event.name(), event.template().name(),
                event.template().language(), event.template().category(), event.audienceId(), event.callbackData(),
                utc(at), utc(at));
    }

    @EventHandler
    void on(BroadcastScheduled event, @Timestamp Instant at) {
        jdbc.update("UPDATE broadcasts SET status = 'scheduled', scheduled_at = ?, updated_at = ? WHERE id = ?",
                utc(event.sendAt()), utc(at), event.broadcastId());
    }

    @EventHandler
    void on(BroadcastStarted event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE broadcasts SET status = 'sending', started_at = ?, recipients = ?, suppressed = ?,
                            reservation_id = ?, tokens_reserved = ?, updated_at = ?
                        WHERE id = ?""",
                utc(at), event.recipients(), event.suppressed(), event.reservationId(), event.tokensReserved(), utc(at),
                event.broadcastId());
    }

    @EventHandler
    void on(BroadcastCompleted event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE broadcasts SET status = 'completed', completed_at = ?, tokens_captured = ?,
                            tokens_released = ?, updated_at = ?
                        WHERE id = ?""",
                utc(at), event.tokensCaptured(), event.tokensReleased(), utc(at), event.broadcastId());
    }

    @EventHandler
    void on(BroadcastCancelled event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE broadcasts SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, updated_at = ?
                        WHERE id = ?""", utc(at), event.reason(), utc(at), event.broadcastId());
    }

    @EventHandler
    void on(RecipientQueued event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO broadcast_recipients (id, broadcast_id, organization_id, contact_id, contact_phone,
                                                          status, queued_at)
                        VALUES (?, ?, ?, ?, ?, 'queued', ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.recipientId(), event.broadcastId(), event.organizationId(), ContactIds.of(event.contactId()),
                event.phone(), utc(at));
    }

    @EventHandler
    void on(RecipientSuppressed event) {
        jdbc.update("UPDATE broadcast_recipients SET status = " + FORWARD + ", suppression_reason = ? WHERE id = ?",
                "suppressed", "suppressed", event.reason(), event.recipientId());
    }

    @EventHandler
    void on(RecipientSent event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE broadcast_recipients SET status = %s, wamid = ?, tokens_captured = ?, sent_at = ?
                        WHERE id = ?""".formatted(FORWARD),
                "sent", "sent", event.whatsappMessageId(), event.tokensCaptured(), utc(event.at() == null ? at : event.at()),
                event.recipientId());
    }

    @EventHandler
    void on(RecipientDeliveryUpdated event, @Timestamp Instant recordedAt) {
        Instant at = event.at() == null ? recordedAt : event.at();
        String column = switch (event.status()) {
            case SENT -> "sent_at";
            case DELIVERED -> "delivered_at";
            case READ -> "read_at";
            case FAILED -> "failed_at";
        };
        jdbc.update("""
                        UPDATE broadcast_recipients SET status = %2$s, %1$s = ?, error_code = COALESCE(?, error_code),
                            error_title = COALESCE(?, error_title),
                            tokens_refunded = CASE WHEN ? > 0 THEN ? ELSE tokens_refunded END
                        WHERE id = ?""".formatted(column, FORWARD),
                event.status().wireName(), event.status().wireName(), utc(at), event.errorCode(), event.errorTitle(),
                event.tokensToRefund(), event.tokensToRefund(), event.recipientId());
    }

    @EventHandler
    void on(RecipientReplied event) {
        jdbc.update("UPDATE broadcast_recipients SET replied_at = ? WHERE id = ?", utc(event.at()),
                event.recipientId());
    }

    @EventHandler
    void on(ContactErased event) {
        jdbc.update("UPDATE broadcast_recipients SET contact_phone = NULL WHERE contact_id = ?",
                ContactIds.of(event.contactId()));
    }
}
