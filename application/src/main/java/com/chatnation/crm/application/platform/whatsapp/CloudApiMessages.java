package com.chatnation.crm.application.platform.whatsapp;

import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;


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
        ObjectNode message = JSON.objectNode();
        message.put("messaging_product", "whatsapp");
        message.put("recipient_type", "individual");
        message.put("to", to.e164().substring(1));
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

    private static String required(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

}
