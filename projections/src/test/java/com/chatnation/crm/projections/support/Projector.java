package com.chatnation.crm.projections.support;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

import java.util.Arrays;
import java.util.List;

/** Feeds events to projections through Axon's annotation adapter, so parameter resolution is exercised too. */
public final class Projector {

    private final List<AnnotationEventHandlerAdapter> adapters;

    public Projector(Object... projections) {
        this.adapters = Arrays.stream(projections).map(AnnotationEventHandlerAdapter::new).toList();
    }

    public void apply(List<? extends EventMessage<?>> events) {
        events.forEach(this::apply);
    }

    public void apply(EventMessage<?> event) {
        for (AnnotationEventHandlerAdapter adapter : adapters) {
            if (adapter.canHandle(event)) {
                try {
                    adapter.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException("handling " + event.getPayloadType().getSimpleName() + " failed", e);
                }
            }
        }
    }
}
