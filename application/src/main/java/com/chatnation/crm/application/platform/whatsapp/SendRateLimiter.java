package com.chatnation.crm.application.platform.whatsapp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per phone number id: {@code burst} sends may go back to back, after which sends are spaced at
 * {@code messagesPerSecond}. Each caller reserves its slot under the bucket's lock and then waits outside it, so
 * concurrent senders on one number queue up in arrival order and different numbers never wait on each other.
 * Implemented as a generic cell rate algorithm, which keeps the whole bucket in one integer of nanoseconds.
 * It counts in one process only: the service shares its cap between instances with {@link SharedSendRate}; this
 * one serves a client made without a database.
 */
final class SendRateLimiter implements SendRate {

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public SendRateLimiter(double messagesPerSecond, int burst) {
        this(messagesPerSecond, burst, System::nanoTime, Sleeper.real());
    }

    public SendRateLimiter(double messagesPerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / messagesPerSecond));
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    @Override
    public void acquire(String phoneNumberId) throws InterruptedException {
        Duration wait = reserve(phoneNumberId);
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** Takes the next slot for {@code phoneNumberId} and returns how long the caller must wait before using it. */
    Duration reserve(String phoneNumberId) {
        return Duration.ofNanos(buckets.computeIfAbsent(phoneNumberId, id -> new Bucket()).reserve(nanoTime.getAsLong()));
    }

    private final class Bucket {
        /** When the bucket would be empty again if sends had kept to the rate ("theoretical arrival time"). */
        private long theoreticalArrival = Long.MIN_VALUE;

        synchronized long reserve(long now) {
            long tat = theoreticalArrival == Long.MIN_VALUE || theoreticalArrival - now < 0 ? now : theoreticalArrival;
            long wait = Math.max(0, tat - toleranceNanos - now);
            theoreticalArrival = tat + intervalNanos;
            return wait;
        }
    }
}
