package com.chatnation.crm.application.conversations.ingestion;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A WhatsApp Business Account-level change about one message template: {@code message_template_status_update}
 * ({@code event} APPROVED, REJECTED, PAUSED, DISABLED, … with {@code reason}) or {@code template_category_update}
 * ({@code newCategory}, {@code previousCategory}). It names the account ({@code entry[].id}), not a phone number.
 */
record TemplateUpdate(String accountId, String field, String event, String metaTemplateId, String name,
                             String language, String reason, String newCategory, String previousCategory)
        implements WebhookItem {

    public static final String STATUS_FIELD = "message_template_status_update";
    public static final String CATEGORY_FIELD = "template_category_update";

    /** Template changes concern the account, not one of its numbers. */
    @Override
    @JsonIgnore
    public String phoneNumberId() {
        return null;
    }
}
