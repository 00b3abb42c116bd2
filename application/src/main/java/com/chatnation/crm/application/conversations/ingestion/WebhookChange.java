package com.chatnation.crm.application.conversations.ingestion;

import java.util.List;

/**
 * One {@code messages} change: the business number it concerns ({@code value.metadata}) and its items in payload
 * order (messages, then statuses, then value-level errors).
 *
 * @param entryId the WhatsApp Business Account id ({@code entry[].id})
 */
public record WebhookChange(String entryId, String phoneNumberId, String displayPhoneNumber,
                            List<WebhookItem> items) {

    public WebhookChange {
        items = List.copyOf(items);
    }

    public List<InboundMessage> messages() {
        return items.stream().filter(InboundMessage.class::isInstance).map(InboundMessage.class::cast).toList();
    }

    public List<StatusUpdate> statuses() {
        return items.stream().filter(StatusUpdate.class::isInstance).map(StatusUpdate.class::cast).toList();
    }

    public List<WebhookError> errors() {
        return items.stream().filter(WebhookError.class::isInstance).map(WebhookError.class::cast).toList();
    }
}
