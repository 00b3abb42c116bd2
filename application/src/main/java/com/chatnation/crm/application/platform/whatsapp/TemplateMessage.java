package com.chatnation.crm.application.platform.whatsapp;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * An approved template to send, with its parameters: the header's (one text or one media file), the body's in
 * order (named parameters carry their {@code name}), and the suffix of each URL button that takes one.
 */
public record TemplateMessage(String name, String language, Parameter header, List<Parameter> body,
                              List<ButtonParameter> buttons) {

    public TemplateMessage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        body = body == null ? List.of() : List.copyOf(body);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** One value put into a template when it is sent. */
    public sealed interface Parameter {
        /** The named parameter it fills, or null for a positional one. */
        String name();
    }

    public record Text(String name, String text) implements Parameter {
    }

    /** An amount of money: {@code amount} in the currency's units (sent as thousandths), {@code fallback} shown as is. */
    public record Currency(String name, String fallback, String code, BigDecimal amount) implements Parameter {
    }

    /** A date and time, shown as {@code fallback}. */
    public record DateTime(String name, String fallback) implements Parameter {
    }

    /** An image, video or document for a media header: by public link or by uploaded media id. */
    public record Media(String name, MediaMessage.Kind kind, String link, String mediaId, String filename)
            implements Parameter {
    }

    /** The text completing the URL of the button at {@code index} (0-based, as in the template). */
    public record ButtonParameter(int index, String text) {
    }
}
