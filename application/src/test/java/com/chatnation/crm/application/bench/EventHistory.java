package com.chatnation.crm.application.bench;

import com.chatnation.crm.application.platform.privacy.EventJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.messaging.MetaData;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Grows the event store to the size a replay is measured on, and measures the physical ceiling of a replay:
 * reading every event in global order and deserializing it, with no projection work.
 *
 * <p>The history is the events the load run wrote (real events, serialized by the service itself), copied
 * with INSERT ... SELECT until the store holds enough. Each copy k gets fresh identities so projections see
 * new rows, not redeliveries: every UUID except the organizations' has its fourth group replaced by k (real
 * UUIDs have 8-b there, copies 0001-7fff), contacts' numbers 25479… become 2547kkk9… (new contacts of the same
 * organizations, so organizations grow as they would over time), wallet events get sequence numbers above
 * the original's, and the organizations' own events and their teams' are not copied (their streams exist once,
 * under identifiers derived from the organization's, and copies would clash with them). Copies have no keys of
 * their own (a contact's key is bound to its id), so their sealed members read as those of erased contacts.
 */
final class EventHistory {

    private static final String UUID_PATTERN =
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-)[0-9a-f]{4}(-[0-9a-f]{12})";

    private EventHistory() {
    }

    /** @return the number of events in the store afterwards */
    static long growTo(Connection connection, long target, List<String> organizationIds) throws SQLException {
        long base;
        long walletSpan;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT max(globalindex), (SELECT coalesce(max(sequencenumber), 0) + 1 "
                     + "FROM domainevententry WHERE type = 'Wallet') FROM domainevententry")) {
            row.next();
            base = row.getLong(1);
            walletSpan = row.getLong(2);
        }
        long count = count(connection);
        long perCopy;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM domainevententry WHERE globalindex <= " + base
                     + " AND type IS DISTINCT FROM 'Organization' AND type IS DISTINCT FROM 'Team'")) {
            row.next();
            perCopy = row.getLong(1);
        }
        if (perCopy == 0) {
            throw new IllegalStateException("no events to copy: the load run wrote nothing");
        }
        for (int copy = 1; count < target; copy++) {
            if (copy > 999) {
                throw new IllegalStateException("too few base events to reach " + target);
            }
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                                  payload, payloadrevision, payloadtype, timestamp)
                    SELECT %s,
                           CASE WHEN type = 'Wallet' THEN sequencenumber + ? ELSE sequencenumber END,
                           type, gen_random_uuid()::text,
                           convert_to(%s, 'UTF8'), convert_to(%s, 'UTF8'),
                           payloadrevision, payloadtype, timestamp
                    FROM domainevententry
                    WHERE globalindex <= ? AND type IS DISTINCT FROM 'Organization' AND type IS DISTINCT FROM 'Team'
                    ORDER BY globalindex""".formatted(rewrite("aggregateidentifier", organizationIds),
                    rewrite("convert_from(metadata, 'UTF8')", organizationIds),
                    rewrite("convert_from(payload, 'UTF8')", organizationIds)))) {
                int k = 1;
                String copyHex = String.format("%04x", copy);
                String copyDigits = String.format("%03d", copy);
                // in the order of the statement: aggregate id rewrite, sequence offset, metadata and payload rewrites
                for (int expression = 0; expression < 3; expression++) {
                    insert.setString(k++, "\\1" + copyHex + "\\2");
                    insert.setString(k++, "2547" + copyDigits + "9\\1");
                    if (expression == 0) {
                        insert.setLong(k++, walletSpan * copy);
                    }
                }
                insert.setLong(k, base);
                count += insert.executeUpdate();
            }
            System.out.printf("  history copy %d: %,d events in %.1f s (store: %,d)%n", copy, perCopy,
                    (System.nanoTime() - started) / 1e9, count);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE domainevententry");
        }
        return count;
    }

    /**
     * The expression rewriting identities in {@code column} for one copy: organization ids are parked behind
     * placeholders, other UUIDs and contact numbers rewritten, then the organization ids put back.
     */
    private static String rewrite(String column, List<String> organizationIds) {
        String parked = column;
        for (int i = 0; i < organizationIds.size(); i++) {
            parked = "replace(" + parked + ", '" + organizationIds.get(i) + "', '@@org" + i + "@@')";
        }
        String rewritten = "regexp_replace(regexp_replace(" + parked + ", '" + UUID_PATTERN + "', ?, 'g'), "
                + "'25479([0-9]{7})', ?, 'g')";
        for (int i = 0; i < organizationIds.size(); i++) {
            rewritten = "replace(" + rewritten + ", '@@org" + i + "@@', '" + organizationIds.get(i) + "')";
        }
        return rewritten;
    }

    static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM domainevententry")) {
            row.next();
            return row.getLong(1);
        }
    }

    static long head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(max(globalindex), 0) FROM domainevententry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The Jackson serializer the service uses for events (Spring Boot's ObjectMapper, as Axon's starter wires it,
     * with the history mapper's handling of sealed personal data), except that it has no keys: sealed members are
     * read as erased, which spares the key lookups and decryption the service does, so the ceiling is a little high.
     */
    static JacksonSerializer serializer() {
        ObjectMapper mapper = EventJson.unkeyed(Jackson2ObjectMapperBuilder.json().build()).mapper();
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /** Reads every event in global order, 1,000 a page, and deserializes payload and metadata. */
    record RawRead(long events, double seconds) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    static RawRead readAndDeserialize(Connection connection) throws SQLException {
        JacksonSerializer serializer = serializer();
        long events = 0;
        long last = -1;
        long started = System.nanoTime();
        try (PreparedStatement page = connection.prepareStatement("""
                SELECT globalindex, payload, payloadtype, payloadrevision, metadata FROM domainevententry
                WHERE globalindex > ? ORDER BY globalindex LIMIT 1000""")) {
            while (true) {
                page.setLong(1, last);
                int rows = 0;
                try (ResultSet row = page.executeQuery()) {
                    while (row.next()) {
                        rows++;
                        last = row.getLong(1);
                        SerializedObject<byte[]> payload = new SimpleSerializedObject<>(row.getBytes(2), byte[].class,
                                row.getString(3), row.getString(4));
                        Object event = serializer.deserialize(payload);
                        byte[] metadata = row.getBytes(5);
                        MetaData meta = metadata == null ? MetaData.emptyInstance() : serializer.deserialize(
                                new SimpleSerializedObject<>(metadata, byte[].class, MetaData.class.getName(), null));
                        if (event == null || meta == null) {
                            throw new IllegalStateException("event " + last + " did not deserialize");
                        }
                    }
                }
                events += rows;
                if (rows < 1000) {
                    break;
                }
            }
        }
        return new RawRead(events, (System.nanoTime() - started) / 1e9);
    }
}
