package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConversationEffect;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the process for each effect by the effect's type. Every kind of {@link ConversationEffect} (the sealed
 * interface's permitted records) must have exactly one process, checked when the application starts, so a new
 * effect without a process fails the first test that starts the context rather than a contact's message.
 */
@Component
class ConversationProcesses {

    private final Map<Class<?>, ConversationProcess<?>> byEffect = new HashMap<>();

    public ConversationProcesses(List<ConversationProcess<?>> processes) {
        for (ConversationProcess<?> process : processes) {
            ConversationProcess<?> other = byEffect.put(process.effect(), process);
            if (other != null) {
                throw new IllegalStateException(process.effect().getSimpleName() + " is handled by both "
                        + other.getClass().getSimpleName() + " and " + process.getClass().getSimpleName());
            }
        }
        String missing = Arrays.stream(ConversationEffect.class.getPermittedSubclasses())
                .filter(effect -> !byEffect.containsKey(effect))
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no process for " + missing);
        }
    }

    /** Runs the effect's process in the caller's unit of work. */
    public void run(ConversationEffect effect, EffectOrigin origin) {
        ConversationProcess<?> process = byEffect.get(effect.getClass());
        if (process == null) {
            throw new IllegalStateException("no process for " + effect);
        }
        run(process, effect, origin);
    }

    private static <E extends ConversationEffect> void run(ConversationProcess<E> process, ConversationEffect effect,
                                                           EffectOrigin origin) {
        process.run(process.effect().cast(effect), origin);
    }
}
