package com.chatnation.crm.application.platform.database;

import java.util.Optional;
import java.util.Properties;

/**
 * What the service instance that holds an embedded data directory writes into its lock file: its own process id,
 * when it claimed the directory, and the postmaster it started there (process id and start time, as PostgreSQL
 * wrote them into {@code postmaster.pid}). The next instance reads it to tell an orphan its predecessor left
 * running from a PostgreSQL server someone else runs on the directory.
 *
 * @param servicePid        the service process that claimed the directory
 * @param claimedAt         when it did (epoch seconds)
 * @param postmasterPid     the postmaster it started, 0 until it has one
 * @param postmasterStarted that postmaster's start time from {@code postmaster.pid} (epoch seconds), 0 until then
 */
record OwnerRecord(long servicePid, long claimedAt, long postmasterPid, long postmasterStarted) {

    static OwnerRecord claimedNow() {
        return new OwnerRecord(ProcessHandle.current().pid(), System.currentTimeMillis() / 1000, 0, 0);
    }

    OwnerRecord withPostmaster(PostmasterPidFile postmaster) {
        return new OwnerRecord(servicePid, claimedAt, postmaster.pid(), postmaster.startedAt());
    }

    /**
     * Whether this owner started the postmaster the pid file names: the recorded one (same process id and start
     * time, so not a later process that got the id), or, when the owner died before recording one, a postmaster
     * started after it claimed the directory (no other instance could claim it meanwhile, and the service is what
     * starts PostgreSQL on its data directory).
     */
    boolean started(PostmasterPidFile postmaster) {
        if (postmasterPid != 0) {
            return postmasterPid == postmaster.pid() && postmasterStarted == postmaster.startedAt();
        }
        return claimedAt > 0 && postmaster.startedAt() >= claimedAt;
    }

    String format() {
        return "service-pid=" + servicePid + "\nclaimed-at=" + claimedAt + "\npostmaster-pid=" + postmasterPid
                + "\npostmaster-started=" + postmasterStarted + "\n";
    }

    static Optional<OwnerRecord> parse(String text) {
        Properties values = new Properties();
        try {
            values.load(new java.io.StringReader(text));
            if (values.getProperty("service-pid") == null) {
                return Optional.empty();
            }
            return Optional.of(new OwnerRecord(number(values, "service-pid"), number(values, "claimed-at"),
                    number(values, "postmaster-pid"), number(values, "postmaster-started")));
        } catch (java.io.IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static long number(Properties values, String key) {
        String value = values.getProperty(key);
        return value == null ? 0 : Long.parseLong(value.trim());
    }
}
