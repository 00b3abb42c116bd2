package com.chatnation.crm.application.conversations;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stands in for the aggregates behind the gateway: records every command sent, in order, and answers each
 * command type as the test scripted it (a result, or a refusal thrown the way Axon rethrows it locally).
 * Commands without a script answer {@code null}, as void command handlers do.
 */
final class RecordingCommandGateway implements CommandGateway {

    private final List<Object> sent = new ArrayList<>();
    private final Map<Class<?>, Function<Object, Object>> answers = new HashMap<>();

    <C> RecordingCommandGateway answering(Class<C> command, Function<? super C, ?> answer) {
        answers.put(command, sent -> answer.apply(command.cast(sent)));
        return this;
    }

    RecordingCommandGateway refusing(Class<?> command, RuntimeException refusal) {
        answers.put(command, sent -> {
            throw refusal;
        });
        return this;
    }

    List<Object> sent() {
        return List.copyOf(sent);
    }

    /** The one command of this type that was sent. */
    <C> C the(Class<C> command) {
        List<Object> ofType = sent.stream().filter(command::isInstance).toList();
        assertThat(ofType).as("%s commands sent", command.getSimpleName()).hasSize(1);
        return command.cast(ofType.get(0));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(Object command) {
        sent.add(command);
        Function<Object, Object> answer = answers.get(command.getClass());
        return answer == null ? null : (R) answer.apply(command);
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return sendAndWait(command);
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        throw new UnsupportedOperationException("processes wait for every command they send");
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        throw new UnsupportedOperationException("processes wait for every command they send");
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        throw new UnsupportedOperationException();
    }
}
