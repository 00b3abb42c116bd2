package com.chatnation.crm.application.bench;

import java.util.Arrays;

/** Collects durations in nanoseconds and answers percentiles by sorting (a few hundred thousand values at most). */
final class Latencies {

    private long[] values = new long[1 << 14];
    private int count;

    synchronized void record(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    /** The percentile in milliseconds, or NaN when nothing was recorded. */
    synchronized double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
    }
}
