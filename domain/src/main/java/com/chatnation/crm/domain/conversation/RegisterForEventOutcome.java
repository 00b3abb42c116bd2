package com.chatnation.crm.domain.conversation;

import java.time.Instant;

/** Whether the contact was registered for a free event, and for which, or why not. */
public record RegisterForEventOutcome(boolean registered, String eventName, String venue, Instant startsAt,
                                      String refusal) {

    public static RegisterForEventOutcome registered(String eventName, String venue, Instant startsAt) {
        return new RegisterForEventOutcome(true, eventName, venue, startsAt, null);
    }

    public static RegisterForEventOutcome refused(String reason) {
        return new RegisterForEventOutcome(false, null, null, null, reason);
    }
}
