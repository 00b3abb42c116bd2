package com.chatnation.crm.application.platform.privacy;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/** Reads, from an event or aggregate, the contact its personal data belongs to and the organization it is in. */
final class DataSubjects {

    private record Accessors(Optional<AccessibleObject> subject, Optional<AccessibleObject> organization) {
    }

    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            return new Accessors(find(type, true), find(type, false));
        }
    };

    private DataSubjects() {
    }

    static String contactId(Object owner) {
        return read(owner, ACCESSORS.get(owner.getClass()).subject());
    }

    static String organizationId(Object owner) {
        return read(owner, ACCESSORS.get(owner.getClass()).organization());
    }

    private static String read(Object owner, Optional<AccessibleObject> accessor) {
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            Object value = accessor.get() instanceof Method method ? method.invoke(owner) : ((Field) accessor.get()).get(owner);
            return value == null ? null : value.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + ((Member) accessor.get()).getName() + " of "
                    + owner.getClass().getName(), e);
        }
    }

    private static Optional<AccessibleObject> find(Class<?> type, boolean subject) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (subject ? component.isAnnotationPresent(DataSubject.class)
                        : component.getName().equals("organizationId")) {
                    Method accessor = component.getAccessor();
                    accessor.trySetAccessible();
                    return Optional.of(accessor);
                }
            }
            return Optional.empty();
        }
        for (Class<?> at = type; at != null && at != Object.class; at = at.getSuperclass()) {
            for (Field field : at.getDeclaredFields()) {
                if (subject ? field.isAnnotationPresent(DataSubject.class) : field.getName().equals("organizationId")) {
                    field.trySetAccessible();
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }
}
