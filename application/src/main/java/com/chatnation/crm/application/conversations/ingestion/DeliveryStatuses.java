package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.broadcasts.RecipientStatuses;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.RecordDeliveryStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a WhatsApp status report to the message it is about, and records it: on the reply's conversation, or on
 * the broadcast recipient it was sent to.
 */
@Component
class DeliveryStatuses {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStatuses.class);

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final MeterRegistry meters;
    private final RecipientStatuses broadcasts;

    DeliveryStatuses(JdbcTemplate jdbc, CommandGateway commands, MeterRegistry meters, RecipientStatuses broadcasts) {
        this.broadcasts = broadcasts;
        this.jdbc = jdbc;
        this.commands = commands;
        this.meters = meters;
    }

    void record(String organizationId, StatusUpdate update) {
        Optional<DeliveryStatus> status = DeliveryStatus.fromWire(update.status());
        if (status.isEmpty()) {
            meters.counter("crm.webhook.statuses", "outcome", "untracked_status").increment();
            log.info("status '{}' for {} is not tracked", update.status(), update.messageId());
            return;
        }
        List<Map<String, Object>> replies = jdbc.queryForList("""
                SELECT reply_id, conversation_id FROM outbound_replies
                WHERE whatsapp_message_id = ? AND organization_id = ?""", update.messageId(), organizationId);
        StatusUpdate.StatusError error = update.errors() == null || update.errors().isEmpty() ? null
                : update.errors().get(0);
        Integer errorCode = error == null ? null : error.code();
        String errorTitle = error == null ? null : error.title();
        if (replies.isEmpty() && broadcasts.record(organizationId, update.messageId(), status.get(), update.at(),
                errorCode, errorTitle)) {
            meters.counter("crm.webhook.statuses", "outcome", "recorded_broadcast").increment();
            return;
        }
        if (replies.isEmpty()) {
            // Messages sent by other tools on the same number, or before this service existed.
            meters.counter("crm.webhook.statuses", "outcome", "unknown_message").increment();
            log.debug("status {} for unknown message {}", update.status(), update.messageId());
            return;
        }
        commands.sendAndWait(new RecordDeliveryStatus((String) replies.get(0).get("conversation_id"),
                (String) replies.get(0).get("reply_id"), update.messageId(), status.get(), update.at(), errorCode,
                errorTitle));
        meters.counter("crm.webhook.statuses", "outcome", "recorded").increment();
    }
}
