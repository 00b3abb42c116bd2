package com.chatnation.crm.projections.analytics;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.ClassMetadata;
import org.springframework.util.ClassUtils;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The domain's event types by simple class name, as step rules name them: records of the domain that carry an
 * {@code organizationId} and are events (they have a {@code @Revision} or implement one of the domain's
 * {@code …Event} interfaces), never commands (a component that targets an aggregate). Found on the class path once,
 * so an event added to the domain can be named without changing anything here.
 */
public final class DomainEventTypes {

    private static final String DOMAIN = "com.chatnation.crm.domain";
    private static final String REVISION = "org.axonframework.serialization.Revision";
    private static final String TARGET = "org.axonframework.modelling.command.TargetAggregateIdentifier";

    private static volatile Map<String, Class<?>> byName;

    private DomainEventTypes() {
    }

    /** Every event type by simple name, sorted. */
    public static Map<String, Class<?>> all() {
        Map<String, Class<?>> types = byName;
        if (types == null) {
            synchronized (DomainEventTypes.class) {
                if (byName == null) {
                    byName = scan();
                }
                types = byName;
            }
        }
        return types;
    }

    public static Optional<Class<?>> byName(String simpleName) {
        return Optional.ofNullable(all().get(simpleName));
    }

    /** Whether events of the type name a contact ({@code contactId}), so they can reach a contact's step. */
    public static boolean namesAContact(Class<?> type) {
        return component(type, "contactId").isPresent();
    }

    static Optional<RecordComponent> component(Class<?> type, String name) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst();
    }

    private static Map<String, Class<?>> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                ClassMetadata metadata = definition.getMetadata();
                return metadata.isIndependent() && metadata.isConcrete();
            }
        };
        scanner.addIncludeFilter((reader, factory) -> "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName())
                && (reader.getAnnotationMetadata().hasAnnotation(REVISION)
                || Arrays.stream(reader.getClassMetadata().getInterfaceNames())
                .anyMatch(name -> name.startsWith(DOMAIN) && name.endsWith("Event"))));
        Map<String, Class<?>> types = new TreeMap<>();
        ClassLoader loader = DomainEventTypes.class.getClassLoader();
        for (BeanDefinition candidate : scanner.findCandidateComponents(DOMAIN)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), loader);
            boolean command = Arrays.stream(type.getRecordComponents()).anyMatch(c -> Arrays.stream(c.getAccessor()
                    .getAnnotations()).anyMatch(a -> a.annotationType().getName().equals(TARGET))
                    || Arrays.stream(c.getAnnotations()).anyMatch(a -> a.annotationType().getName().equals(TARGET)));
            if (!command && component(type, "organizationId").isPresent()) {
                types.put(type.getSimpleName(), type);
            }
        }
        return Collections.unmodifiableMap(types);
    }
}
