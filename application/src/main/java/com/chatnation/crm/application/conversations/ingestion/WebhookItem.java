package com.chatnation.crm.application.conversations.ingestion;

/** One thing a {@code messages} change reports: a message from a contact, a delivery status, or an error. */
public sealed interface WebhookItem permits InboundMessage, StatusUpdate, WebhookError {

    /** The business phone number ({@code value.metadata.phone_number_id}) the item belongs to; null if absent. */
    String phoneNumberId();
}
