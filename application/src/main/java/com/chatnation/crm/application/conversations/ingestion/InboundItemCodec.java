package com.chatnation.crm.application.conversations.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a parsed webhook item as JSON for the queue, and reads it back by its kind. */
@Component
class InboundItemCodec {

    public static final String MESSAGE = "message";
    public static final String STATUS = "status";
    public static final String ERROR = "error";
    public static final String PREFERENCE = "preference";
    public static final String TEMPLATE = "template";

    private final ObjectMapper json;

    public InboundItemCodec(ObjectMapper json) {
        this.json = json;
    }

    public static String kindOf(WebhookItem item) {
        if (item instanceof InboundMessage) {
            return MESSAGE;
        }
        if (item instanceof PreferenceUpdate) {
            return PREFERENCE;
        }
        if (item instanceof TemplateUpdate) {
            return TEMPLATE;
        }
        return item instanceof StatusUpdate ? STATUS : ERROR;
    }

    public byte[] encode(WebhookItem item) {
        try {
            return json.writeValueAsBytes(item);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook item could not be written as JSON", e);
        }
    }

    public WebhookItem decode(String kind, byte[] item) {
        Class<? extends WebhookItem> type = switch (kind) {
            case MESSAGE -> InboundMessage.class;
            case STATUS -> StatusUpdate.class;
            case ERROR -> WebhookError.class;
            case PREFERENCE -> PreferenceUpdate.class;
            case TEMPLATE -> TemplateUpdate.class;
            default -> throw new IllegalArgumentException("unknown inbound item kind '" + kind + "'");
        };
        try {
            return json.readValue(item, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("inbound " + kind + " item is not readable: " + e.getMessage(), e);
        }
    }
}
