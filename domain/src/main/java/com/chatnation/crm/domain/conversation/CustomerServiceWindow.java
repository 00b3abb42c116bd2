package com.chatnation.crm.domain.conversation;

import java.time.Duration;
import java.time.Instant;

/**
 * WhatsApp's customer-service window: free-form messages reach a contact only within 24 hours of the contact's
 * latest message. Only the contact's messages open and refresh it, never the business's.
 */
public final class CustomerServiceWindow {

    public static final Duration LENGTH = Duration.ofHours(24);

    private CustomerServiceWindow() {
    }

    /** When the window a contact's message at {@code wrote} opened closes. */
    public static Instant closesAfter(Instant wrote) {
        return wrote.plus(LENGTH);
    }
}
