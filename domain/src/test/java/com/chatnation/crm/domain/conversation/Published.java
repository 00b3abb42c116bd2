package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Captures what a command published, so conversation tests can look at events whose ids are generated. */
final class Published extends BaseMatcher<List<EventMessage<?>>> {

    final List<Object> payloads = new ArrayList<>();

    static Published by(ResultValidator<Conversation> result) {
        Published published = new Published();
        result.expectEventsMatching(published);
        return published;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean matches(Object actual) {
        ((List<EventMessage<?>>) actual).forEach(event -> payloads.add(event.getPayload()));
        return true;
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("any events");
    }

    List<Class<?>> types() {
        return payloads.stream().<Class<?>>map(Object::getClass).toList();
    }

    <T> List<T> of(Class<T> type) {
        return payloads.stream().filter(type::isInstance).map(type::cast).toList();
    }

    ReplyQueued onlyReplyQueued() {
        List<ReplyQueued> replies = of(ReplyQueued.class);
        assertThat(replies).hasSize(1);
        return replies.get(0);
    }

    OutboundReply onlyReply() {
        return onlyReplyQueued().reply();
    }

    StateChanged onlyStateChange() {
        List<StateChanged> changes = of(StateChanged.class);
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }
}
