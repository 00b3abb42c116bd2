package com.chatnation.crm.application.platform.axon;

import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The event bus as seen by a subscribing processor that handles a few event types only: it is handed the events
 * it can handle and is not called at all for the rest. Axon would start a unit of work and join the transaction
 * for every batch published, whatever it held; for the two synchronous processors, which care about
 * organizations and catalogs, that was nearly every batch of the message path, for nothing.
 */
final class RelevantEventsOnly implements SubscribableMessageSource<EventMessage<?>> {

    private final SubscribableMessageSource<EventMessage<?>> events;
    private final Predicate<Class<?>> handles;
    private final Map<Class<?>, Boolean> relevance = new ConcurrentHashMap<>();

    /** @param handles whether the processor has a handler for a payload type (asked once per type) */
    RelevantEventsOnly(SubscribableMessageSource<EventMessage<?>> events, Predicate<Class<?>> handles) {
        this.events = events;
        this.handles = handles;
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> processor) {
        return events.subscribe(batch -> {
            List<? extends EventMessage<?>> relevant = batch.stream().filter(this::relevant).toList();
            if (!relevant.isEmpty()) {
                processor.accept(relevant);
            }
        });
    }

    private boolean relevant(EventMessage<?> event) {
        return relevance.computeIfAbsent(event.getPayloadType(), handles::test);
    }
}
