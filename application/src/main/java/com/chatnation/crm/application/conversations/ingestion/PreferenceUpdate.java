package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.domain.common.PhoneNumber;

import java.time.Instant;

/**
 * A contact changed their message preferences in WhatsApp ({@code user_preferences} webhook): {@code category}
 * {@code marketing_messages} with {@code value} {@code stop} or {@code resume}, as sent, lower case.
 *
 * @param at when they changed it; null if the payload had no readable timestamp
 */
record PreferenceUpdate(String phoneNumberId, PhoneNumber contact, String category, String value, Instant at)
        implements WebhookItem {

    static final String MARKETING = "marketing_messages";

    /** True for resume, false for stop, null for anything this service does not act on. */
    Boolean marketingOptIn() {
        if (!MARKETING.equals(category) || value == null) {
            return null;
        }
        return switch (value) {
            case "stop" -> false;
            case "resume" -> true;
            default -> null;
        };
    }
}
