package com.chatnation.crm.projections.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a funnel's contacts are split into groups, besides the overall figures. */
public enum FunnelBreakdown {

    /** No groups. */
    NONE("none"),
    /**
     * The source recorded on the contact's entry into the first step (a survey's source, a registration's
     * source), else the source of the contact's first message (ad, keyword, direct), else {@code unknown}.
     */
    SOURCE("source"),
    /**
     * The week (Monday, UTC) of the contact's first message, else of their entry into the funnel; the group key
     * is that Monday's date.
     */
    COHORT("cohort");

    private final String parameter;

    FunnelBreakdown(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    public static Optional<FunnelBreakdown> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(NONE);
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(b -> b.parameter.equals(wanted)).findFirst();
    }
}
