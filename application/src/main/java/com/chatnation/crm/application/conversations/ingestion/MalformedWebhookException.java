package com.chatnation.crm.application.conversations.ingestion;

/** The request body is not a WhatsApp Business Account webhook notification at all; answer 400, do not retry. */
class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String message) {
        super(message);
    }

    public MalformedWebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
