package com.chatnation.crm.domain.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * A message the bot wants to send. WhatsApp renders up to 3 reply buttons, or a list of up to 10 rows;
 * {@link #fallbackText()} is the same choice as numbered plain text for when interactive messages cannot be used.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "variant")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OutboundReply.Text.class, name = "text"),
        @JsonSubTypes.Type(value = OutboundReply.Buttons.class, name = "buttons"),
        @JsonSubTypes.Type(value = OutboundReply.ChoiceList.class, name = "list"),
        @JsonSubTypes.Type(value = OutboundReply.Image.class, name = "image")
})
public sealed interface OutboundReply {

    @JsonIgnore
    String fallbackText();

    record Text(String body) implements OutboundReply {
        public String fallbackText() { return body; }
    }

    record Buttons(String body, List<Choice> buttons) implements OutboundReply {
        public Buttons {
            if (buttons.isEmpty() || buttons.size() > 3) {
                throw new IllegalArgumentException("WhatsApp reply buttons take 1 to 3 choices, got " + buttons.size());
            }
            buttons = List.copyOf(buttons);
        }
        public String fallbackText() { return Choice.numbered(body, buttons); }
    }

    record ChoiceList(String body, String buttonLabel, List<Choice> rows) implements OutboundReply {
        public ChoiceList {
            if (rows.isEmpty() || rows.size() > 10) {
                throw new IllegalArgumentException("WhatsApp lists take 1 to 10 rows, got " + rows.size());
            }
            rows = List.copyOf(rows);
        }
        public String fallbackText() { return Choice.numbered(body, rows); }
    }

    /**
     * An image the service made and keeps ({@code storageKey} names it in the media store, as a HypeCard): uploaded
     * to WhatsApp when it is sent, since a media id expires and a reply may wait (for tokens, for the window).
     */
    record Image(String storageKey, String caption) implements OutboundReply {
        public Image {
            if (storageKey == null || storageKey.isBlank()) {
                throw new IllegalArgumentException("an image reply names the stored image");
            }
        }
        public String fallbackText() { return caption == null ? "[image]" : caption; }
    }

    /** One selectable option: {@code id} comes back in the contact's button or list reply. */
    record Choice(String id, String title, String description) {
        public Choice(String id, String title) {
            this(id, title, null);
        }

        static String numbered(String body, List<Choice> choices) {
            StringBuilder text = new StringBuilder(body);
            for (int i = 0; i < choices.size(); i++) {
                text.append('\n').append(i + 1).append(". ").append(choices.get(i).title());
            }
            return text.toString();
        }
    }
}
