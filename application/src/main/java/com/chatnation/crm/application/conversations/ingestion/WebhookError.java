package com.chatnation.crm.application.conversations.ingestion;

/**
 * An error WhatsApp reports at the level of a change ({@code value.errors[]}), not tied to one message or status,
 * for example 131000 "Something went wrong" next to a message whose body could not be delivered.
 * {@code code} is 0 when the payload has none; {@code details} is {@code error_data.details}.
 */
record WebhookError(String phoneNumberId, int code, String title, String message, String details)
        implements WebhookItem {
}
