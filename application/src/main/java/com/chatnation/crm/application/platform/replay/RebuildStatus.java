package com.chatnation.crm.application.platform.replay;

import java.time.Instant;
import java.util.List;

/**
 * What a rebuild has done so far. {@code total} is the events processed plus those between its position and the
 * event store's head (global indexes, so an estimate where rolled-back transactions left gaps). Events a projection
 * could not apply are left out of the rebuilt tables and counted in {@code failedEvents}, the first ten described.
 */
record RebuildStatus(String id, List<String> groups, String state, String phase, long processed, long total,
                            long position, double eventsPerSecond, Long etaSeconds, Instant startedAt,
                            Instant finishedAt, String error, int failedEvents,
                            List<RebuildLane.Failure> firstFailures) {
}
