package com.chatnation.crm.application.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LingeringEventSourceTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration LINGER = Duration.ofMillis(50);

    private final Deque<TrackedEventMessage<?>> available = new ArrayDeque<>();
    private final List<Long> slept = new ArrayList<>();
    private final StreamableMessageSource<TrackedEventMessage<?>> store = token -> new QueueStream(available);

    private BlockingStream<TrackedEventMessage<?>> stream(Duration linger) {
        return new LingeringEventSource(store, linger, Clock.fixed(NOW, ZoneOffset.UTC), slept::add).openStream(null);
    }

    @Test
    void atTheHeadItWaitsTheLingerBeforeTheFirstEventOfABatchSoLaterOnesJoinIt() throws Exception {
        available.add(event(1, NOW.minusMillis(10)));
        BlockingStream<TrackedEventMessage<?>> stream = stream(LINGER);

        assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(slept).containsExactly(40L);
        // the rest of the batch is taken without waiting
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(1));
        assertThat(slept).hasSize(1);
    }

    @Test
    void aProcessorCatchingUpDoesNotWait() throws Exception {
        available.add(event(1, NOW.minusSeconds(5)));

        assertThat(stream(LINGER).hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(slept).isEmpty();
    }

    @Test
    void nothingAvailableIsAnsweredAtOnce() throws Exception {
        assertThat(stream(LINGER).hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(slept).isEmpty();
    }

    @Test
    void noLingerIsTheStoreItself() throws Exception {
        available.add(event(1, NOW));

        BlockingStream<TrackedEventMessage<?>> stream = stream(Duration.ZERO);

        assertThat(stream).isInstanceOf(QueueStream.class);
        assertThat(stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(slept).isEmpty();
    }

    @Test
    void anEventStampedAfterNowWaitsNoLongerThanTheLinger() throws Exception {
        available.add(event(1, NOW.plusSeconds(3)));

        assertThat(stream(LINGER).hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(slept).containsExactly(50L);
    }

    private static TrackedEventMessage<?> event(long position, Instant at) {
        TrackingToken token = new GlobalSequenceTrackingToken(position);
        return new GenericTrackedEventMessage<>(token, new GenericMessage<>("event " + position), () -> at);
    }

    /** The events there are, all available at once. */
    private record QueueStream(Deque<TrackedEventMessage<?>> events) implements BlockingStream<TrackedEventMessage<?>> {

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(events.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !events.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return events.poll();
        }

        @Override
        public void close() {
        }
    }
}
