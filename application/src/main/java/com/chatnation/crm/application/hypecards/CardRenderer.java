package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.domain.hypecard.CardLayout;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws a HypeCard: a {@link CardLayout} filled in for one contact, as PNG bytes. Java2D only, on an off-screen
 * {@link BufferedImage}, so it works in the headless service; fonts are the JVM's logical {@code SansSerif},
 * {@code Serif} and {@code Monospaced} (whatever the machine maps them to: DejaVu on Debian), never a font file.
 *
 * <p>Layers are drawn in order, each over the ones before:
 * <ul>
 *   <li>{@code image}: the organization image {@code imageKey} names, scaled to fit the box keeping its proportions
 *   and centred in it (a logo is never stretched); skipped when the store has no such image or it does not decode.</li>
 *   <li>{@code text}: {@code {variable}}s filled in from the map (one it lacks becomes empty). {@code x} is the anchor
 *   {@code align} refers to; {@code y} is the <em>top</em> of the first line, not its baseline (the baseline sits
 *   the font's ascent below it), so a designer places text by its box, as in any editor. Lines are
 *   {@code FontMetrics.getHeight()} apart, words wrap at {@code maxWidth} (a word wider than that is broken), and
 *   past {@code maxLines} the last line ends in an ellipsis. A {@code maxWidth} or {@code maxLines} of 0 or less
 *   means no limit.</li>
 *   <li>{@code photo}: the contact's photo cropped to its centred square and scaled to {@code size}; round ones are
 *   cut by an antialiased circle. Without a photo (or one that does not decode) a grey placeholder of the same shape
 *   carries the initials of {@code {name}}, so the card's design does not fall apart.</li>
 *   <li>{@code qr}: the share link as a QR code (error correction M, a one-module quiet zone) on a white square of
 *   {@code size}, modules drawn as whole-pixel squares so phone cameras see sharp edges.</li>
 * </ul>
 * Colours are {@code #rrggbb}; anything else is refused with an {@link IllegalArgumentException} naming the layer,
 * as are canvases outside 100×100 to 2048×2048 (a bigger one costs memory for no sharper picture on a phone).
 */
@Component
final class CardRenderer {

    private static final Log log = LogFactory.getLog(CardRenderer.class);

    static final int MIN_SIDE = 100;
    static final int MAX_SIDE = 2048;

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}\\s]+)}");
    private static final Color PLACEHOLDER = new Color(0xC9, 0xCD, 0xD4);
    private static final Color PLACEHOLDER_INK = new Color(0x4B, 0x52, 0x5C);
    private static final String ELLIPSIS = "…";

    CardRenderer() {
    }

    byte[] render(CardLayout layout, Map<String, String> variables, byte[] photo, String shareLink,
                  Function<String, byte[]> images) {
        checkCanvas(layout);
        Map<String, String> values = variables == null ? Map.of() : variables;
        BufferedImage card = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = card.createGraphics();
        try {
            smooth(g);
            g.setColor(colour(layout.background(), "the background"));
            g.fillRect(0, 0, layout.width(), layout.height());
            List<CardLayout.Layer> layers = layout.layers();
            for (int i = 0; i < layers.size(); i++) {
                CardLayout.Layer layer = layers.get(i);
                String name = "layer " + (i + 1);
                if (layer instanceof CardLayout.Image image) {
                    drawImage(g, image, images, name + " (image)");
                } else if (layer instanceof CardLayout.Text text) {
                    drawText(g, text, values, name + " (text)");
                } else if (layer instanceof CardLayout.Photo box) {
                    drawPhoto(g, box, photo, values.get("name"), name + " (photo)");
                } else if (layer instanceof CardLayout.QrCode qr) {
                    drawQrCode(g, qr, shareLink, name + " (qr)");
                } else {
                    throw new IllegalArgumentException(name + " is empty");
                }
            }
        } finally {
            g.dispose();
        }
        return png(card);
    }

    private static void checkCanvas(CardLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("no layout");
        }
        if (layout.width() < MIN_SIDE || layout.height() < MIN_SIDE
                || layout.width() > MAX_SIDE || layout.height() > MAX_SIDE) {
            throw new IllegalArgumentException("the canvas must be between " + MIN_SIDE + "×" + MIN_SIDE + " and "
                    + MAX_SIDE + "×" + MAX_SIDE + " pixels, not " + layout.width() + "×" + layout.height());
        }
    }

    private static void smooth(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
    }

    static Color colour(String value, String where) {
        if (value == null || !COLOUR.matcher(value).matches()) {
            throw new IllegalArgumentException(where + ": the colour must be #rrggbb, not " + value);
        }
        return new Color(Integer.parseInt(value.substring(1), 16));
    }

    // ---- image ----

    private static void drawImage(Graphics2D g, CardLayout.Image layer, Function<String, byte[]> images, String name) {
        if (layer.width() <= 0 || layer.height() <= 0) {
            throw new IllegalArgumentException(name + ": the box must have a positive width and height");
        }
        if (layer.imageKey() == null || images == null) {
            return;
        }
        BufferedImage image = decode(images.apply(layer.imageKey()), name + " " + layer.imageKey());
        if (image == null) {
            return;
        }
        double scale = Math.min((double) layer.width() / image.getWidth(), (double) layer.height() / image.getHeight());
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        g.drawImage(scaled(image, width, height),
                layer.x() + (layer.width() - width) / 2, layer.y() + (layer.height() - height) / 2, null);
    }

    // ---- text ----

    private static void drawText(Graphics2D g, CardLayout.Text layer, Map<String, String> variables, String name) {
        Color ink = colour(layer.color(), name);
        if (layer.size() <= 0) {
            throw new IllegalArgumentException(name + ": the font size must be positive, not " + layer.size());
        }
        String align = layer.align() == null ? "left" : layer.align().toLowerCase(Locale.ROOT);
        if (!align.equals("left") && !align.equals("center") && !align.equals("right")) {
            throw new IllegalArgumentException(name + ": align must be left, center or right, not " + layer.align());
        }
        Font font = new Font(family(layer.font(), name), layer.bold() ? Font.BOLD : Font.PLAIN, layer.size());
        g.setFont(font);
        g.setColor(ink);
        FontMetrics metrics = g.getFontMetrics();
        List<String> lines = lines(fill(layer.text(), variables), metrics, layer.maxWidth(), layer.maxLines());
        int baseline = layer.y() + metrics.getAscent();
        for (String line : lines) {
            int width = metrics.stringWidth(line);
            int left = switch (align) {
                case "center" -> layer.x() - width / 2;
                case "right" -> layer.x() - width;
                default -> layer.x();
            };
            g.drawString(line, left, baseline);
            baseline += metrics.getHeight();
        }
    }

    private static String family(String font, String name) {
        return switch (font == null ? "sans" : font.toLowerCase(Locale.ROOT)) {
            case "sans" -> Font.SANS_SERIF;
            case "serif" -> Font.SERIF;
            case "mono" -> Font.MONOSPACED;
            default -> throw new IllegalArgumentException(name + ": the font must be sans, serif or mono, not " + font);
        };
    }

    /** The text with its {@code {variables}} replaced; one the map lacks becomes empty rather than showing braces. */
    static String fill(String text, Map<String, String> variables) {
        if (text == null) {
            return "";
        }
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /**
     * The lines the text is drawn in: words wrapped greedily at {@code maxWidth}, explicit line breaks kept, at most
     * {@code maxLines}; when text is left over, the last line ends in an ellipsis (shortened until it fits).
     */
    static List<String> lines(String text, FontMetrics metrics, int maxWidth, int maxLines) {
        int width = maxWidth > 0 ? maxWidth : Integer.MAX_VALUE;
        int most = maxLines > 0 ? maxLines : Integer.MAX_VALUE;
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R", -1)) {
            String line = "";
            for (String word : paragraph.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String joined = line.isEmpty() ? word : line + " " + word;
                if (metrics.stringWidth(joined) <= width) {
                    line = joined;
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line);
                }
                line = word;
                // A word wider than the whole line (a long URL, a name without spaces) is broken where it must be.
                while (metrics.stringWidth(line) > width) {
                    int fits = fitting(line, metrics, width);
                    lines.add(line.substring(0, fits));
                    line = line.substring(fits);
                }
            }
            lines.add(line);
        }
        while (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.size() <= most) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, most));
        String last = kept.get(most - 1).stripTrailing();
        String ellipsis = metrics.getFont().canDisplay('…') ? ELLIPSIS : "...";
        while (!last.isEmpty() && metrics.stringWidth(last + ellipsis) > width) {
            last = last.substring(0, last.offsetByCodePoints(last.length(), -1)).stripTrailing();
        }
        kept.set(most - 1, last + ellipsis);
        return kept;
    }

    /** How many chars of {@code text} fit in {@code width}: at least one code point, so breaking always progresses. */
    private static int fitting(String text, FontMetrics metrics, int width) {
        int end = text.offsetByCodePoints(0, 1);
        while (end < text.length()) {
            int next = text.offsetByCodePoints(end, 1);
            if (metrics.stringWidth(text.substring(0, next)) > width) {
                break;
            }
            end = next;
        }
        return end;
    }

    // ---- photo ----

    private static void drawPhoto(Graphics2D g, CardLayout.Photo layer, byte[] photo, String contactName,
                                  String name) {
        int size = layer.size();
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": the size must be positive, not " + size);
        }
        BufferedImage decoded = decode(photo, name + " contact photo");
        // Drawn on a square of its own first, so a round photo's edge can be antialiased: Graphics2D.clip is not.
        BufferedImage square = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D s = square.createGraphics();
        try {
            smooth(s);
            if (layer.round()) {
                s.setColor(Color.WHITE);
                s.fill(new Ellipse2D.Double(0, 0, size, size));
                s.setComposite(AlphaComposite.SrcIn);
            }
            if (decoded != null) {
                s.drawImage(scaled(centreSquare(decoded), size, size), 0, 0, null);
            } else {
                placeholder(s, size, contactName);
            }
        } finally {
            s.dispose();
        }
        g.drawImage(square, layer.x(), layer.y(), null);
    }

    private static BufferedImage centreSquare(BufferedImage image) {
        int side = Math.min(image.getWidth(), image.getHeight());
        return image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
    }

    private static void placeholder(Graphics2D g, int size, String contactName) {
        g.setColor(PLACEHOLDER);
        g.fillRect(0, 0, size, size);
        String initials = initials(contactName);
        if (initials.isEmpty()) {
            return;
        }
        // Atop, not the SrcIn that cut the grey to a circle: SrcIn would also erase the grey around the letters.
        g.setComposite(AlphaComposite.SrcAtop);
        g.setColor(PLACEHOLDER_INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(1, size * 2 / 5)));
        FontMetrics metrics = g.getFontMetrics();
        int x = (size - metrics.stringWidth(initials)) / 2;
        int y = (size - metrics.getHeight()) / 2 + metrics.getAscent();
        g.drawString(initials, x, y);
    }

    /** The first letters of the first and last words of a name: "Amina Wanjiru Otieno" is AO, "Amina" is A. */
    static String initials(String contactName) {
        if (contactName == null || contactName.isBlank()) {
            return "";
        }
        String[] words = contactName.strip().split("\\s+");
        StringBuilder initials = new StringBuilder();
        initials.appendCodePoint(words[0].codePointAt(0));
        if (words.length > 1) {
            initials.appendCodePoint(words[words.length - 1].codePointAt(0));
        }
        return initials.toString().toUpperCase(Locale.ROOT);
    }

    // ---- QR code ----

    private static void drawQrCode(Graphics2D g, CardLayout.QrCode layer, String shareLink, String name) {
        Color ink = colour(layer.color(), name);
        int size = layer.size();
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": the size must be positive, not " + size);
        }
        if (shareLink == null || shareLink.isBlank()) {
            log.debug(name + ": no share link, nothing to encode");
            return;
        }
        BitMatrix modules;
        try {
            // Width and height 0: ZXing's own one-pixel-per-module matrix, scaled here so every module is whole pixels.
            modules = new QRCodeWriter().encode(shareLink, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, 1,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException(name + ": the share link cannot be a QR code: " + tooLong.getMessage(),
                    tooLong);
        }
        int count = modules.getWidth();
        Object antialiasing = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(layer.x(), layer.y(), size, size);
            g.setColor(ink);
            for (int row = 0; row < count; row++) {
                for (int column = 0; column < count; column++) {
                    if (modules.get(column, row)) {
                        int left = edge(column, count, size);
                        int top = edge(row, count, size);
                        g.fillRect(layer.x() + left, layer.y() + top,
                                edge(column + 1, count, size) - left, edge(row + 1, count, size) - top);
                    }
                }
            }
        } finally {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, antialiasing);
        }
    }

    /**
     * Where module boundary {@code i} of {@code count} falls in a square of {@code size}: modules of one whole pixel
     * size each, centred (the few pixels left over widen the white border), unless there are more modules than
     * pixels, when they are spread as evenly as whole pixels allow.
     */
    private static int edge(int i, int count, int size) {
        int module = size / count;
        if (module == 0) {
            return (int) ((long) i * size / count);
        }
        return (size - module * count) / 2 + i * module;
    }

    // ---- bitmaps ----

    /** The image, or null (logged at debug) when there are no bytes or they are not an image ImageIO reads. */
    private static BufferedImage decode(byte[] bytes, String what) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
                log.debug(what + ": " + bytes.length + " bytes that are not an image, skipped");
                return null;
            }
            return image;
        } catch (IOException | RuntimeException unreadable) {
            log.debug(what + ": an unreadable image, skipped: " + unreadable);
            return null;
        }
    }

    /**
     * The image at {@code width} × {@code height}, bicubic. A big reduction is done in halving steps: one bicubic
     * step only samples a 4×4 neighbourhood, so a 4000-pixel phone photo shrunk at once to 300 would alias.
     */
    private static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage current = image;
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = resample(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == width && current.getHeight() == height
                ? current : resample(current, width, height);
    }

    private static BufferedImage resample(BufferedImage image, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = target.createGraphics();
        try {
            smooth(g);
            g.setComposite(AlphaComposite.Src);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] png(BufferedImage card) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(card, "png", out)) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }
}
