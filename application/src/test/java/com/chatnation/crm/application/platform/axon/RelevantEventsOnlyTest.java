package com.chatnation.crm.application.platform.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class RelevantEventsOnlyTest {

    private final List<Consumer<List<? extends EventMessage<?>>>> subscribers = new ArrayList<>();
    private final SubscribableMessageSource<EventMessage<?>> bus = subscriber -> {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    };
    private final AtomicInteger questions = new AtomicInteger();
    private final RelevantEventsOnly source = new RelevantEventsOnly(bus, type -> {
        questions.incrementAndGet();
        return type == String.class;
    });
    private final List<List<? extends EventMessage<?>>> received = new ArrayList<>();

    @Test
    void passesOnOnlyTheEventsTheProcessorHandles() {
        source.subscribe(received::add);

        publish(GenericEventMessage.asEventMessage("organization onboarded"), GenericEventMessage.asEventMessage(42),
                GenericEventMessage.asEventMessage("price list changed"));

        assertThat(received).hasSize(1);
        assertThat(received.get(0).stream().<Object>map(EventMessage::getPayload).toList())
                .containsExactly("organization onboarded", "price list changed");
    }

    @Test
    void isNotCalledForABatchWithNothingItHandles() {
        source.subscribe(received::add);

        publish(GenericEventMessage.asEventMessage(1), GenericEventMessage.asEventMessage(2L));

        assertThat(received).isEmpty();
    }

    @Test
    void asksOncePerPayloadType() {
        source.subscribe(received::add);

        for (int i = 0; i < 5; i++) {
            publish(GenericEventMessage.asEventMessage("event " + i), GenericEventMessage.asEventMessage(i));
        }

        assertThat(questions).hasValue(2);
        assertThat(received).hasSize(5);
    }

    @Test
    void unsubscribingStopsDelivery() {
        source.subscribe(received::add).cancel();

        publish(GenericEventMessage.asEventMessage("organization onboarded"));

        assertThat(received).isEmpty();
    }

    private void publish(EventMessage<?>... events) {
        List.copyOf(subscribers).forEach(subscriber -> subscriber.accept(List.of(events)));
    }
}
