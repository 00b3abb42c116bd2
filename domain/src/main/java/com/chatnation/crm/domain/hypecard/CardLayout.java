package com.chatnation.crm.domain.hypecard;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * How a HypeCard is drawn: a canvas of {@code width} × {@code height} pixels filled with {@code background} (a
 * {@code #rrggbb} colour), then its layers in order, each over the ones before. Coordinates are pixels from the top
 * left corner. Text layers name the card's variables in braces ({@code {name}}, {@code {title}}).
 */
public record CardLayout(int width, int height, String background, List<Layer> layers) {

    public CardLayout {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Image.class, name = "image"),
            @JsonSubTypes.Type(value = Text.class, name = "text"),
            @JsonSubTypes.Type(value = Photo.class, name = "photo"),
            @JsonSubTypes.Type(value = QrCode.class, name = "qr")
    })
    public sealed interface Layer {
    }

    /** An image of the organization's (a background, a logo), scaled into the box; {@code imageKey} names it in the media store. */
    public record Image(String imageKey, int x, int y, int width, int height) implements Layer {
    }

    /**
     * Text, its variables filled in, in {@code font} ({@code sans}, {@code serif} or {@code mono}) of {@code size}
     * pixels, bold or not, in {@code color}; {@code align} {@code left}, {@code center} or {@code right} of {@code x}
     * (its anchor); wrapped at {@code maxWidth} pixels, at most {@code maxLines} lines, the last cut with an ellipsis.
     */
    public record Text(String text, String font, int size, boolean bold, String color, int x, int y, int maxWidth,
                       int maxLines, String align) implements Layer {
    }

    /** The contact's photo, cropped to a centred square and drawn {@code size} pixels wide, square or {@code round}. */
    public record Photo(int x, int y, int size, boolean round) implements Layer {
    }

    /** A QR code of the card's share link, {@code size} pixels wide, dark modules in {@code color} on white. */
    public record QrCode(int x, int y, int size, String color) implements Layer {
    }
}
