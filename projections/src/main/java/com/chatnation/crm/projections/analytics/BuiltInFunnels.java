package com.chatnation.crm.projections.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.chatnation.crm.projections.analytics.JourneySteps.*;

/** The funnels every organization has without defining them; a custom funnel with the same key replaces one. */
public final class BuiltInFunnels {

    public static final FunnelDefinition ENGAGEMENT = new FunnelDefinition("engagement", "Engagement",
            List.of(FIRST_MESSAGE, MENU_OPENED, SURVEY_STARTED, SURVEY_COMPLETED), Duration.ofDays(7), true);

    public static final FunnelDefinition TICKETS = new FunnelDefinition("tickets", "Ticket purchase",
            List.of(TICKET_FLOW_ENTERED, EVENT_CHOSEN, TICKETS_RESERVED, TICKETS_PAID), Duration.ofDays(1), true);

    public static final List<FunnelDefinition> ALL = List.of(ENGAGEMENT, TICKETS);

    private BuiltInFunnels() {
    }

    public static Optional<FunnelDefinition> byKey(String key) {
        return ALL.stream().filter(funnel -> funnel.key().equals(key)).findFirst();
    }
}
