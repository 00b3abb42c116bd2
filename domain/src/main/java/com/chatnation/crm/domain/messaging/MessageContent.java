package com.chatnation.crm.domain.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a contact sent, one variant per kind of WhatsApp message. Variants carry what the bot and the
 * read side need; anything else of the original payload stays in the accepted webhook record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "variant")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MessageContent.Text.class, name = "text"),
        @JsonSubTypes.Type(value = MessageContent.ButtonReply.class, name = "button_reply"),
        @JsonSubTypes.Type(value = MessageContent.ListReply.class, name = "list_reply"),
        @JsonSubTypes.Type(value = MessageContent.TemplateButton.class, name = "template_button"),
        @JsonSubTypes.Type(value = MessageContent.Media.class, name = "media"),
        @JsonSubTypes.Type(value = MessageContent.Location.class, name = "location"),
        @JsonSubTypes.Type(value = MessageContent.SharedContacts.class, name = "contacts"),
        @JsonSubTypes.Type(value = MessageContent.Reaction.class, name = "reaction"),
        @JsonSubTypes.Type(value = MessageContent.Order.class, name = "order"),
        @JsonSubTypes.Type(value = MessageContent.SystemNotice.class, name = "system"),
        @JsonSubTypes.Type(value = MessageContent.Unsupported.class, name = "unsupported")
})
public sealed interface MessageContent {

    /** The WhatsApp message type name ({@code text}, {@code interactive}, {@code image}, …) this content came from. */
    String type();

    /** The words a state machine can read from it: the text, a reply's title, a caption; empty when there are none. */
    String readableText();

    /** The id a tap on something the bot offered came back with (button, list row, template button); else null. */
    default String tappedId() {
        return null;
    }

    record Text(String body) implements MessageContent {
        public String type() { return "text"; }
        public String readableText() { return body == null ? "" : body; }
    }

    /** An interactive reply button the bot offered. */
    record ButtonReply(String id, String title) implements MessageContent {
        public String type() { return "button_reply"; }
        public String tappedId() { return id; }
        public String readableText() { return title == null ? "" : title; }
    }

    /** A row picked from an interactive list the bot offered. */
    record ListReply(String id, String title, String description) implements MessageContent {
        public String type() { return "list_reply"; }
        public String tappedId() { return id; }
        public String readableText() { return title == null ? "" : title; }
    }

    /** A quick-reply button of a template message. */
    record TemplateButton(String payload, String text) implements MessageContent {
        public String type() { return "button"; }
        public String tappedId() { return payload; }
        public String readableText() { return text == null ? "" : text; }
    }

    /** image, audio (voice notes included), video, document or sticker. */
    record Media(String kind, String mediaId, String mimeType, String caption, String filename, boolean voice,
                 boolean animated) implements MessageContent {
        public String type() { return kind; }
        public String readableText() { return caption == null ? "" : caption; }
    }

    record Location(BigDecimal latitude, BigDecimal longitude, String name, String address, String url)
            implements MessageContent {
        public String type() { return "location"; }
        public String readableText() { return name == null ? "" : name; }
    }

    /** Contact cards shared by the contact: formatted names and phone numbers. */
    record SharedContacts(List<Card> cards) implements MessageContent {
        public record Card(String formattedName, List<String> phones) {
        }
        public String type() { return "contacts"; }
        public String readableText() { return ""; }
    }

    /** An emoji reaction to an earlier message; an empty emoji removes the reaction. */
    record Reaction(String messageId, String emoji) implements MessageContent {
        public String type() { return "reaction"; }
        public String readableText() { return ""; }
    }

    /** A cart sent from the business's catalog. */
    record Order(String catalogId, String text, List<Item> items) implements MessageContent {
        public record Item(String productRetailerId, int quantity, BigDecimal itemPrice, String currency) {
        }
        public String type() { return "order"; }
        public String readableText() { return text == null ? "" : text; }
    }

    /** A system notice, such as the contact changing their number. */
    record SystemNotice(String systemType, String body, String newWaId) implements MessageContent {
        public String type() { return "system"; }
        public String readableText() { return ""; }
    }

    /** A message WhatsApp could not deliver to the API ({@code unsupported}) or a type this service does not know. */
    record Unsupported(String originalType, Integer errorCode, String errorTitle) implements MessageContent {
        public String type() { return "unsupported"; }
        public String readableText() { return ""; }
    }
}
