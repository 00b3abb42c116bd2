package com.chatnation.crm.application.conversations.ingestion;

/**
 * One thing a webhook reports: from a {@code messages} change a message from a contact, a delivery status, or an
 * error; from an account-level change a template's new status or category.
 */
public sealed interface WebhookItem permits InboundMessage, StatusUpdate, WebhookError, TemplateUpdate {

    /** The business phone number ({@code value.metadata.phone_number_id}) the item belongs to; null if absent. */
    String phoneNumberId();
}
