package com.chatnation.crm.application.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The event store as the read-model processors see it: when a processor at the head of the stream finds a new event,
 * it waits a moment ({@code crm.processors.linger}) before taking it, so the events that other transactions commit
 * meanwhile join the same batch.
 *
 * <p>A tracking processor takes whatever is available when it looks, and commits each batch with its token in a
 * transaction of its own. At the head, under load, that was one or two events per batch: each read model committed
 * about once per transaction of the message path, and those commits were a large share of the database's work per
 * message. Lingering trades a few tens of milliseconds of read-model freshness for batches many times larger. A
 * processor catching up (its next event older than the linger) does not wait: its batches are full anyway.
 * Processors whose latency is the product (the reply dispatcher) read the store directly.
 */
final class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Duration linger;
    private final Clock clock;
    private final Sleeper sleeper;

    LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> events, Duration linger, Clock clock) {
        this(events, linger, clock, Thread::sleep);
    }

    LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> events, Duration linger, Clock clock,
                         Sleeper sleeper) {
        this.events = events;
        this.linger = linger;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** How the stream waits; {@link Thread#sleep(long)} but in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        BlockingStream<TrackedEventMessage<?>> stream = events.openStream(trackingToken);
        return linger.isZero() || linger.isNegative() ? stream : new LingeringStream(stream);
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return events.createTokenSince(duration);
    }

    /**
     * A processor asks {@link #hasNextAvailable(int, TimeUnit)} with a timeout once per batch, to wait for its first
     * event, and then takes the rest of the batch with non-blocking {@link #peek()} and {@link #nextAvailable()}: the
     * wait goes into that first question.
     */
    private final class LingeringStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;

        LingeringStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!stream.hasNextAvailable(timeout, unit)) {
                return false;
            }
            if (timeout > 0) {
                Optional<TrackedEventMessage<?>> next = stream.peek();
                if (next.isPresent()) {
                    long waitMillis = Duration.between(clock.instant(), next.get().getTimestamp().plus(linger)).toMillis();
                    if (waitMillis > 0) {
                        sleeper.sleep(Math.min(waitMillis, linger.toMillis()));
                    }
                }
            }
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public Stream<TrackedEventMessage<?>> asStream() {
            return stream.asStream();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
