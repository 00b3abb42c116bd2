package com.chatnation.crm.application.conversations.ingestion;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;

/**
 * The PostgreSQL inbox: {@link #enqueue} commits the items before returning. Used when Kafka is not configured.
 */
public class PostgresInbox implements InboundQueue {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int partitions;
    private final Runnable wakeWorkers;

    public PostgresInbox(JdbcTemplate jdbc, TransactionTemplate transaction, int partitions, Runnable wakeWorkers) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.partitions = partitions;
        this.wakeWorkers = wakeWorkers;
    }

    @Override
    public void enqueue(List<InboundEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> jdbc.batchUpdate("""
                        INSERT INTO inbound_inbox (envelope_id, organization_id, ordering_key, partition, kind, dedupe_id,
                                                   item, accepted_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)""", envelopes, envelopes.size(),
                (statement, envelope) -> {
                    statement.setString(1, envelope.envelopeId());
                    statement.setString(2, envelope.organizationId());
                    statement.setString(3, envelope.orderingKey());
                    statement.setInt(4, partitionOf(envelope.orderingKey(), partitions));
                    statement.setString(5, envelope.kind());
                    statement.setString(6, envelope.dedupeId());
                    statement.setString(7, new String(envelope.item(), StandardCharsets.UTF_8));
                    statement.setTimestamp(8, Timestamp.from(envelope.acceptedAt()));
                }));
        wakeWorkers.run();
    }

    static int partitionOf(String orderingKey, int partitions) {
        return Math.floorMod(orderingKey.hashCode(), partitions);
    }
}
