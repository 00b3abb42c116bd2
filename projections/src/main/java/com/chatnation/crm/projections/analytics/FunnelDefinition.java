package com.chatnation.crm.projections.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A funnel: ordered journey step names and how long, from a contact's entry into the first step, they have to
 * reach the last. A definition is only a question asked of {@code journey_events}; nothing is stored per funnel,
 * so a new or changed definition answers for the whole history at once.
 *
 * @param builtIn true for the defaults every organization has without defining anything
 */
public record FunnelDefinition(String key, String name, List<String> steps, Duration conversionWindow,
                               boolean builtIn) {

    public FunnelDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
        if (steps.size() < 2) {
            throw new IllegalArgumentException("a funnel needs at least two steps");
        }
        if (conversionWindow == null || conversionWindow.isNegative() || conversionWindow.isZero()) {
            throw new IllegalArgumentException("a funnel needs a positive conversion window");
        }
    }
}
