package com.chatnation.crm.application.billing;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the reply queue starts when the processor that sent replies itself (sixteen segments) was there before it. */
class ReplyQueueStartingPointTest {

    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final TrackingToken tail = GapAwareTrackingToken.newInstance(-1, List.of());
    private final StreamableMessageSource<TrackedEventMessage<?>> source = new StreamableMessageSource<>() {
        @Override
        public org.axonframework.common.stream.BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TrackingToken createTailToken() {
            return tail;
        }
    };

    @Test
    void a_fresh_store_starts_at_the_tail() {
        assertThat(ReplyDispatchConfiguration.startingPoint(tokens, source)).isSameAs(tail);
    }

    @Test
    void the_former_segments_hand_over_their_lowest_position_gaps_included_and_are_removed() {
        tokens.initializeTokenSegments(ReplyDispatcher.FORMER_GROUP, 3);
        tokens.storeToken(GapAwareTrackingToken.newInstance(120, List.of(117L)), ReplyDispatcher.FORMER_GROUP, 0);
        tokens.storeToken(GapAwareTrackingToken.newInstance(100, List.of()), ReplyDispatcher.FORMER_GROUP, 1);
        tokens.storeToken(GapAwareTrackingToken.newInstance(130, List.of(95L)), ReplyDispatcher.FORMER_GROUP, 2);

        TrackingToken start = ReplyDispatchConfiguration.startingPoint(tokens, source);

        // every event one of the former segments had not seen yet is still ahead of the new processor
        assertThat(start.covers(GapAwareTrackingToken.newInstance(95, List.of()))).isFalse();
        assertThat(start.covers(GapAwareTrackingToken.newInstance(101, List.of()))).isFalse();
        assertThat(start.covers(GapAwareTrackingToken.newInstance(94, List.of()))).isTrue();
        assertThat(start.covers(GapAwareTrackingToken.newInstance(100, List.of(95L)))).isTrue();
        assertThat(tokens.fetchSegments(ReplyDispatcher.FORMER_GROUP)).isEmpty();
    }

    @Test
    void a_former_segment_that_never_processed_an_event_starts_the_queue_at_the_tail() {
        tokens.initializeTokenSegments(ReplyDispatcher.FORMER_GROUP, 2);
        tokens.storeToken(GapAwareTrackingToken.newInstance(100, List.of()), ReplyDispatcher.FORMER_GROUP, 0);

        assertThat(ReplyDispatchConfiguration.startingPoint(tokens, source)).isSameAs(tail);
        assertThat(tokens.fetchSegments(ReplyDispatcher.FORMER_GROUP)).isEmpty();
    }
}
