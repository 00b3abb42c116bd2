package com.chatnation.crm.application.conversations.ingestion;

/**
 * One thing a change reports: a message from a contact, a delivery status, an error, or (a {@code user_preferences}
 * change) a contact's marketing preference.
 */
public sealed interface WebhookItem permits InboundMessage, StatusUpdate, WebhookError, PreferenceUpdate {

    /** The business phone number ({@code value.metadata.phone_number_id}) the item belongs to; null if absent. */
    String phoneNumberId();
}
