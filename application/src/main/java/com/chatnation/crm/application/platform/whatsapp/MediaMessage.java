package com.chatnation.crm.application.platform.whatsapp;

import java.util.Locale;

/**
 * An image, document, audio or video message: by a public {@code link} or by the {@code mediaId} of a file
 * uploaded to WhatsApp (exactly one of them). Audio has no caption; only documents have a file name.
 */
public record MediaMessage(Kind kind, String link, String mediaId, String caption, String filename) {

    public enum Kind {
        IMAGE, DOCUMENT, AUDIO, VIDEO;

        String type() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public MediaMessage {
        if (kind == null) {
            throw new IllegalArgumentException("a media message needs a kind");
        }
        if ((link == null) == (mediaId == null)) {
            throw new IllegalArgumentException("a media message has either a link or a media id");
        }
        if (kind == Kind.AUDIO && caption != null) {
            throw new IllegalArgumentException("an audio message has no caption");
        }
        if (kind != Kind.DOCUMENT && filename != null) {
            throw new IllegalArgumentException("only a document has a file name");
        }
    }
}
