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
 * inbound message over the same run (every session of the database: the service's, and the generator's few reads;
 * read-only statements outside a transaction count as commits too), and the CPU time the service's process and
 * PostgreSQL spent per message: on a machine whose cores are all busy, these say more than a rate can.
 */
record CostPerMessage(long events, long messages, Map<String, Long> byType, long commits, long rowsWritten,
                      double serviceCpuSeconds, double databaseCpuSeconds) {

    /** CPU seconds (user + system) used so far by the service's process and by every PostgreSQL process. */
    static double[] cpuSeconds(long servicePid) {
        double service = 0;
        double database = 0;
        java.io.File[] processes = new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        for (java.io.File process : processes == null ? new java.io.File[0] : processes) {
            String stat;
            try {
                stat = java.nio.file.Files.readString(process.toPath().resolve("stat"));
            } catch (java.io.IOException | RuntimeException gone) {
                continue;
            }
            // pid (comm) state ppid ... utime stime are fields 14 and 15; comm may hold spaces, so split after it
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
            if (process.getName().equals(String.valueOf(servicePid))) {
                service += seconds;
            } else if (name.equals("postgres")) {
                database += seconds;
            }
        }
        return new double[] {service, database};
    }

    /** The kernel's USER_HZ: 100 on Linux on every architecture the service runs on. */
    private static final double CLOCK_TICKS = 100.0;


    /** The database's transactions committed and rows written so far (all sessions, this database). */
    static long[] databaseWork(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("""
                SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database
                WHERE datname = current_database()"""); ResultSet row = query.executeQuery()) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }

    /** @param probeQueries the benchmark's own autocommit queries since {@code workBefore}, left out of the commits */
    static CostPerMessage since(Connection db, long afterGlobalIndex, long messages, long[] workBefore,
                               double[] cpuBefore, long servicePid, long probeQueries)
            throws SQLException {
        // the statistics collector reports with a delay of its own
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long[] workAfter = databaseWork(db);
        double[] cpuAfter = cpuSeconds(servicePid);
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
        return new CostPerMessage(events, messages, byType, workAfter[0] - workBefore[0] - probeQueries, workAfter[1] - workBefore[1],
                cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1]);
    }

    double perMessage() {
        return messages == 0 ? Double.NaN : (double) events / messages;
    }

    /** Milliseconds of CPU the service's process used per inbound message. */
    double serviceCpuMillisPerMessage() {
        return messages == 0 ? Double.NaN : serviceCpuSeconds * 1000 / messages;
    }

    /** Milliseconds of CPU PostgreSQL used per inbound message (every backend, the checkpointer, the WAL writer). */
    double databaseCpuMillisPerMessage() {
        return messages == 0 ? Double.NaN : databaseCpuSeconds * 1000 / messages;
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
                + "rows written per message %.1f; CPU per message: service %.1f ms, PostgreSQL %.1f ms", perMessage(),
                events, messages, types, commitsPerMessage(), rowsWrittenPerMessage(), serviceCpuMillisPerMessage(),
                databaseCpuMillisPerMessage());
    }
}
