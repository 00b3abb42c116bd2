package com.chatnation.crm.application.conversations.ingestion;

import java.time.Instant;
import java.util.List;

/**
 * What happened to a message the business sent: {@code sent}, {@code delivered}, {@code read}, {@code failed},
 * {@code deleted}, … (kept as sent, lower case as WhatsApp sends it).
 *
 * @param messageId  the wamid of the business's message
 * @param at         when the status changed; null if the payload had no readable timestamp
 * @param errors     why it failed; empty unless status is {@code failed}
 * @param pricing    null when the payload has no pricing block
 * @param conversation null when the payload has no conversation block
 */
public record StatusUpdate(String phoneNumberId, String messageId, String recipientId, String status, Instant at,
                           List<StatusError> errors, Pricing pricing, ConversationInfo conversation,
                           String bizOpaqueCallbackData) implements WebhookItem {

    public StatusUpdate {
        errors = List.copyOf(errors);
    }

    /** {@code details} is {@code error_data.details}; {@code code} is null when the payload had none. */
    public record StatusError(Integer code, String title, String message, String details) {
    }

    /**
     * {@code pricingModel} CBP or PMP, {@code category} such as service, marketing, utility, authentication or
     * business_initiated, {@code type} such as regular or free_customer_service (PMP only). {@code billable} is null
     * when absent.
     */
    public record Pricing(Boolean billable, String pricingModel, String category, String type) {
    }

    /** The conversation window the message was charged to; {@code expiresAt} is null when not given. */
    public record ConversationInfo(String id, String originType, Instant expiresAt) {
    }
}
