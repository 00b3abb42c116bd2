package com.chatnation.crm.application.conversations.ingestion;

/**
 * One thing a webhook reports: from a {@code messages} change a message from a contact, a delivery status, an
 * error, or (a {@code user_preferences} change) a contact's marketing preference; from an account-level change a
 * template's new status or category.
 */
public sealed interface WebhookItem permits InboundMessage, StatusUpdate, WebhookError, PreferenceUpdate, TemplateUpdate {

    /** The business phone number ({@code value.metadata.phone_number_id}) the item belongs to; null if absent. */
    String phoneNumberId();
}
