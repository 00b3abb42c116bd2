package com.chatnation.crm.domain.program;

/** What a subscribe request did, so the contact is answered "welcome", "welcome back" or "you already are". */
public enum SubscriptionOutcome {
    /** The contact's first subscription to the program. */
    SUBSCRIBED,
    /** The contact had left the program and is back, after what they already had. */
    RESUBSCRIBED,
    /** The contact is subscribed already; nothing changed. */
    ALREADY_SUBSCRIBED
}
