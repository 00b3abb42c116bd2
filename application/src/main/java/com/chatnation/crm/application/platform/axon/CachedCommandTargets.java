package com.chatnation.crm.application.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Finds a command's target aggregate as Axon's {@code AnnotationCommandTargetResolver} does (the method, else the
 * field, annotated {@link TargetAggregateIdentifier} and {@link TargetAggregateVersion}), but looks the members up
 * once per command class. Axon's resolver walks every method and field of the command, and their annotations, for
 * each command it routes, twice: that was a tenth of all the memory the message path allocated.
 */
final class CachedCommandTargets implements CommandTargetResolver {

    private final ConcurrentMap<Class<?>, Targets> byType = new ConcurrentHashMap<>();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Targets targets = byType.computeIfAbsent(command.getPayloadType(), Targets::of);
        Object payload = command.getPayload();
        Object identifier = read(targets.identifier(), payload);
        if (identifier == null) {
            throw new IllegalArgumentException("Invalid command. It does not identify the target aggregate: no "
                    + "@TargetAggregateIdentifier member of " + command.getPayloadType().getSimpleName()
                    + " holds a non-null value.");
        }
        return new VersionedAggregateIdentifier(identifier, version(read(targets.version(), payload)));
    }

    private static Long version(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
    }

    private static Object read(Member member, Object payload) {
        try {
            if (member instanceof Method method) {
                return method.invoke(payload);
            }
            return member == null ? null : ((Field) member).get(payload);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information from a "
                    + "command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The aggregate information of a command could not be read", e);
        }
    }

    /** The members holding a command type's target; null where it has none. */
    private record Targets(Member identifier, Member version) {

        static Targets of(Class<?> type) {
            return new Targets(annotated(type, TargetAggregateIdentifier.class),
                    annotated(type, TargetAggregateVersion.class));
        }

        private static Member annotated(Class<?> type, Class<? extends Annotation> annotation) {
            for (Method method : ReflectionUtils.methodsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                    return ReflectionUtils.ensureAccessible(method);
                }
            }
            for (Field field : ReflectionUtils.fieldsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                    return ReflectionUtils.ensureAccessible(field);
                }
            }
            return null;
        }
    }
}
