package com.chatnation.crm.application.support;

import jakarta.validation.Validation;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import java.util.LinkedHashMap;
import java.util.Map;

/** Binds and validates a properties record as the service does at start-up, from a few properties. */
public final class BoundProperties {

    private BoundProperties() {
    }

    /** @param keysAndValues property names under {@code prefix} and their values, in pairs */
    public static <T> T bind(String prefix, Class<T> type, String... keysAndValues) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(prefix + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
        return bind(prefix, type, properties);
    }

    public static <T> T bind(String prefix, Class<T> type, Map<String, String> properties) {
        BindHandler validation = new ValidationBindHandler(
                new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator()));
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate(prefix, Bindable.of(type), validation);
    }
}
