package com.chatnation.crm.application.platform.whatsapp;

import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;


/**
 * Builds Cloud API {@code /messages} request bodies. Titles and labels longer than WhatsApp accepts are shortened
 * with an ellipsis (never splitting a surrogate pair); ids are what the contact's reply is matched on, so an id
 * that does not fit is refused rather than altered.
 */
final class CloudApiMessages {

    static final int BUTTON_TITLE_MAX = 20;
    static final int BUTTON_ID_MAX = 256;
    static final int LIST_BUTTON_LABEL_MAX = 20;
    static final int SECTION_TITLE_MAX = 24;
    static final int ROW_TITLE_MAX = 24;
    static final int ROW_DESCRIPTION_MAX = 72;
    static final int ROW_ID_MAX = 200;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CloudApiMessages() {
    }

    static ObjectNode body(PhoneNumber to, OutboundReply reply, String replyToMessageId) {
        ObjectNode message = envelope(to);
        if (replyToMessageId != null) {
            message.putObject("context").put("message_id", replyToMessageId);
        }
        if (reply instanceof OutboundReply.Text text) {
            message.put("type", "text");
            message.putObject("text").put("body", text.body()).put("preview_url", false);
        } else if (reply instanceof OutboundReply.Buttons buttons) {
            message.put("type", "interactive");
            ObjectNode interactive = message.putObject("interactive");
            interactive.put("type", "button");
            interactive.putObject("body").put("text", buttons.body());
            ArrayNode replyButtons = interactive.putObject("action").putArray("buttons");
            for (OutboundReply.Choice choice : buttons.buttons()) {
                ObjectNode button = replyButtons.addObject();
                button.put("type", "reply");
                button.putObject("reply")
                        .put("id", id(choice, BUTTON_ID_MAX))
                        .put("title", truncate(required(choice.title(), "button title"), BUTTON_TITLE_MAX));
            }
        } else if (reply instanceof OutboundReply.ChoiceList list) {
            message.put("type", "interactive");
            ObjectNode interactive = message.putObject("interactive");
            interactive.put("type", "list");
            interactive.putObject("body").put("text", list.body());
            ObjectNode action = interactive.putObject("action");
            String label = truncate(required(list.buttonLabel(), "list button label"), LIST_BUTTON_LABEL_MAX);
            action.put("button", label);
            ObjectNode section = action.putArray("sections").addObject();
            section.put("title", truncate(list.buttonLabel(), SECTION_TITLE_MAX));
            ArrayNode rows = section.putArray("rows");
            for (OutboundReply.Choice choice : list.rows()) {
                ObjectNode row = rows.addObject();
                row.put("id", id(choice, ROW_ID_MAX));
                row.put("title", truncate(required(choice.title(), "row title"), ROW_TITLE_MAX));
                if (choice.description() != null && !choice.description().isBlank()) {
                    row.put("description", truncate(choice.description(), ROW_DESCRIPTION_MAX));
                }
            }
        } else {
            throw new IllegalArgumentException("unsupported reply " + reply.getClass().getName());
        }
        return message;
    }

    /** A template message: Meta's {@code template} object, components only for parts that take parameters. */
    static ObjectNode template(PhoneNumber to, TemplateMessage template) {
        ObjectNode message = envelope(to);
        message.put("type", "template");
        ObjectNode body = message.putObject("template");
        body.put("name", template.name());
        body.putObject("language").put("code", template.language());
        ArrayNode components = JSON.arrayNode();
        if (template.header() != null) {
            ObjectNode header = components.addObject();
            header.put("type", "header");
            parameter(header.putArray("parameters"), template.header());
        }
        if (!template.body().isEmpty()) {
            ObjectNode component = components.addObject();
            component.put("type", "body");
            ArrayNode parameters = component.putArray("parameters");
            template.body().forEach(parameter -> parameter(parameters, parameter));
        }
        for (TemplateMessage.ButtonParameter button : template.buttons()) {
            ObjectNode component = components.addObject();
            component.put("type", "button");
            component.put("sub_type", "url");
            component.put("index", String.valueOf(button.index()));
            component.putArray("parameters").addObject().put("type", "text").put("text", button.text());
        }
        if (!components.isEmpty()) {
            body.set("components", components);
        }
        return message;
    }

    /** An image, document, audio or video message. */
    static ObjectNode media(PhoneNumber to, MediaMessage media) {
        ObjectNode message = envelope(to);
        String type = media.kind().type();
        message.put("type", type);
        ObjectNode object = message.putObject(type);
        mediaSource(object, media.link(), media.mediaId());
        if (media.caption() != null) {
            object.put("caption", media.caption());
        }
        if (media.filename() != null) {
            object.put("filename", media.filename());
        }
        return message;
    }

    private static ObjectNode envelope(PhoneNumber to) {
        ObjectNode message = JSON.objectNode();
        message.put("messaging_product", "whatsapp");
        message.put("recipient_type", "individual");
        message.put("to", to.e164().substring(1));
        return message;
    }

    private static void parameter(ArrayNode parameters, TemplateMessage.Parameter parameter) {
        ObjectNode node = parameters.addObject();
        if (parameter instanceof TemplateMessage.Text text) {
            node.put("type", "text").put("text", required(text.text(), "text parameter"));
        } else if (parameter instanceof TemplateMessage.Currency currency) {
            node.put("type", "currency");
            node.putObject("currency")
                    .put("fallback_value", required(currency.fallback(), "currency fallback"))
                    .put("code", required(currency.code(), "currency code"))
                    .put("amount_1000", required(currency.amount(), "currency amount").multiply(BigDecimal.valueOf(1000))
                            .setScale(0, RoundingMode.HALF_UP).longValueExact());
        } else if (parameter instanceof TemplateMessage.DateTime dateTime) {
            node.put("type", "date_time");
            node.putObject("date_time").put("fallback_value", required(dateTime.fallback(), "date_time fallback"));
        } else if (parameter instanceof TemplateMessage.Media media) {
            String type = media.kind().type();
            if (media.kind() == MediaMessage.Kind.AUDIO) {
                throw new IllegalArgumentException("a template header is an image, video or document, not audio");
            }
            node.put("type", type);
            ObjectNode object = node.putObject(type);
            if ((media.link() == null) == (media.mediaId() == null)) {
                throw new IllegalArgumentException("a media parameter has either a link or a media id");
            }
            mediaSource(object, media.link(), media.mediaId());
            if (media.filename() != null) {
                object.put("filename", media.filename());
            }
        }
        if (parameter.name() != null) {
            node.put("parameter_name", parameter.name());
        }
    }

    private static void mediaSource(ObjectNode object, String link, String mediaId) {
        if (link != null) {
            object.put("link", link);
        } else {
            object.put("id", mediaId);
        }
    }

    /**
     * Shortens {@code text} to at most {@code max} UTF-16 units, ending in an ellipsis when anything was cut. A
     * surrogate pair (emoji and other supplementary characters) is dropped whole rather than split.
     */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + '\u2026';
    }

    private static String id(OutboundReply.Choice choice, int max) {
        String id = required(choice.id(), "choice id");
        if (id.isBlank() || id.length() > max) {
            throw new IllegalArgumentException(
                    "choice id must be 1 to " + max + " characters, was " + id.length() + " for '" + truncate(id, 40) + "'");
        }
        return id;
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

}
