package com.chatnation.crm.application.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The events the saturated run stored (its messages, their replies, the delivery statuses that came back) per inbound
 * message it decided, and which events they were: every stored event is read again by each projection, so fewer per
 * message is less work everywhere downstream. With them, the database's committed transactions and written rows per
 * inbound message over the same run (every session of the database: the service's, and the generator's few reads).
 */
record EventsPerMessage(long events, long messages, Map<String, Long> byType, long commits, long rowsWritten) {

    /** The database's transactions committed and rows written so far (all sessions, this database). */
    static long[] databaseWork(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database
                WHERE datname = current_database()"""); ResultSet row = query.executeQuery()) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }

    static EventsPerMessage since(Connection db, long afterGlobalIndex, long messages, long[] workBefore)
            throws SQLException {
        // the statistics collector reports with a delay of its own
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long[] workAfter = databaseWork(db);
        Map<String, Long> byType = new LinkedHashMap<>();
        long events = 0;
        try (PreparedStatement query = db.prepareStatement("""
                SELECT substring(payloadtype FROM '[^.]*$') AS type, count(*) FROM domainevententry
                WHERE globalindex > ? GROUP BY 1 ORDER BY 2 DESC, 1""")) {
            query.setLong(1, afterGlobalIndex);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byType.put(rows.getString(1), rows.getLong(2));
                    events += rows.getLong(2);
                }
            }
        }
        return new EventsPerMessage(events, messages, byType, workAfter[0] - workBefore[0], workAfter[1] - workBefore[1]);
    }

    double perMessage() {
        return messages == 0 ? Double.NaN : (double) events / messages;
    }

    double commitsPerMessage() {
        return messages == 0 ? Double.NaN : (double) commits / messages;
    }

    double rowsWrittenPerMessage() {
        return messages == 0 ? Double.NaN : (double) rowsWritten / messages;
    }

    @Override
    public String toString() {
        StringBuilder types = new StringBuilder();
        byType.forEach((type, count) -> types.append(types.isEmpty() ? "" : ", ").append(type).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", messages == 0 ? Double.NaN : (double) count / messages)));
        return String.format(Locale.ROOT, "%.2f (%,d events for %,d messages: %s); database commits per message %.1f, "
                + "rows written per message %.1f", perMessage(), events, messages, types, commitsPerMessage(),
                rowsWrittenPerMessage());
    }
}
