package com.chatnation.crm.application.platform.replay;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Appends events straight into {@code domainevententry}, the way history written long ago (or in bulk) sits in
 * the store, without going through command handlers.
 */
final class StoredHistory {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final List<Object[]> rows = new ArrayList<>();

    StoredHistory(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** An event serialized by the service's own event serializer. */
    StoredHistory add(String aggregateType, String aggregateId, long sequence, Object payload, Instant at) {
        SerializedObject<byte[]> data = serializer.serialize(payload, byte[].class);
        return raw(aggregateType, aggregateId, sequence, data.getType().getName(), data.getType().getRevision(),
                new String(data.getData(), StandardCharsets.UTF_8), at);
    }

    /** An event as raw JSON with the given type and revision, as an older version of the service wrote it. */
    StoredHistory raw(String aggregateType, String aggregateId, long sequence, String payloadType, String revision,
                      String json, Instant at) {
        byte[] metadata = serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
        rows.add(new Object[] {aggregateId, sequence, aggregateType, UUID.randomUUID().toString(), metadata,
                json.getBytes(StandardCharsets.UTF_8), revision, payloadType, at.toString()});
        return this;
    }

    void append() {
        jdbc.batchUpdate("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        rows.clear();
    }
}
