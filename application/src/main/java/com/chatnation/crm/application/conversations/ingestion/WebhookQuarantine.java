package com.chatnation.crm.application.conversations.ingestion;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code webhook_quarantine} table: what signed deliveries held that can never be processed, with the reason,
 * for the platform operator ({@code GET /admin/quarantine}). Each item counts in
 * {@code crm_webhook_quarantined_total{reason}}.
 */
@Component
class WebhookQuarantine {

    /** One quarantined item as listed; {@code raw} is its bytes as text, anything not UTF-8 replaced by U+FFFD. */
    record Entry(long id, Instant receivedAt, String organizationId, String phoneNumberId, String kind, String reason,
                 String detail, String raw) {
    }

    /** An item on its way in, with the organization its phone number routed to (null when none). */
    record Arrival(QuarantinedItem item, String organizationId) {
    }

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    WebhookQuarantine(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    void keep(List<Arrival> arrivals, Instant receivedAt) {
        if (arrivals.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO webhook_quarantine (received_at, organization_id, phone_number_id, kind, reason, detail, raw)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", arrivals, arrivals.size(), (statement, arrival) -> {
            QuarantinedItem item = arrival.item();
            statement.setTimestamp(1, Timestamp.from(receivedAt));
            statement.setString(2, arrival.organizationId());
            statement.setString(3, item.phoneNumberId());
            statement.setString(4, item.kind());
            statement.setString(5, item.reason());
            statement.setString(6, WebhookText.clean(item.detail()));
            statement.setBytes(7, item.raw());
        });
        for (Arrival arrival : arrivals) {
            meters.counter("crm.webhook.quarantined", "reason", arrival.item().reason()).increment();
        }
    }

    /** Newest first, below {@code beforeId} when given. */
    List<Entry> list(String organizationId, String reason, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, received_at, organization_id, phone_number_id, kind, reason, detail, raw
                FROM webhook_quarantine WHERE true""");
        List<Object> args = new ArrayList<>();
        if (organizationId != null) {
            sql.append(" AND organization_id = ?");
            args.add(organizationId);
        }
        if (reason != null) {
            sql.append(" AND reason = ?");
            args.add(reason);
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            args.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (row, n) -> new Entry(row.getLong("id"),
                row.getTimestamp("received_at").toInstant(), row.getString("organization_id"),
                row.getString("phone_number_id"), row.getString("kind"), row.getString("reason"),
                row.getString("detail"), asText(row.getBytes("raw"))), args.toArray());
    }

    boolean discard(long id) {
        return jdbc.update("DELETE FROM webhook_quarantine WHERE id = ?", id) == 1;
    }

    private static String asText(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(raw)).toString();
        } catch (java.nio.charset.CharacterCodingException cannotHappenWithReplace) {
            throw new IllegalStateException(cannotHappenWithReplace);
        }
    }
}
