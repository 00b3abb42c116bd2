package com.chatnation.crm.application.platform.images;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A PNG to be scanned from a phone screen or a printed sign: a large QR code and, centred under it, a few lines of
 * text (a ticket's code and event, a booth's code and company). Java2D on an off-screen image with the JVM's logical
 * fonts.
 * <p>
 * The code is drawn with whole-pixel modules and no antialiasing, inside the four-module white margin scanners expect,
 * with error correction M: a cracked or dimmed screen at arm's length, or a sign across an aisle, still scans.
 */
public final class QrPoster {

    public static final Color INK = new Color(0x11, 0x11, 0x11);
    public static final Color MUTED = new Color(0x4B, 0x52, 0x5C);
    static final int WIDTH = 720;
    private static final int MARGIN = 40;
    private static final int QR_SIDE = WIDTH - 2 * MARGIN;
    private static final int LINE_GAP = 16;

    /** One line under the code; a line too long for the width is set smaller (to two thirds at most), then cut. */
    public record Line(String text, Font font, Color colour) {
    }

    private QrPoster() {
    }

    /** @throws IllegalArgumentException when {@code payload} is too long for a QR code */
    public static byte[] render(String payload, List<Line> lines) {
        BitMatrix modules = modules(payload);
        // a line takes up to 1.4 times its font size (ascent, descent, leading)
        int text = lines.stream().mapToInt(line -> line.font().getSize() * 7 / 5 + LINE_GAP).sum();
        int height = MARGIN / 2 + QR_SIDE + 8 + text + MARGIN;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            drawModules(g, modules, MARGIN, MARGIN / 2);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            int top = MARGIN / 2 + QR_SIDE + 8;
            for (Line line : lines) {
                top = centred(g, line, top) + LINE_GAP;
            }
        } finally {
            g.dispose();
        }
        return png(image);
    }

    private static BitMatrix modules(String payload) {
        try {
            // width and height 0: one element per module, scaled below to whole pixels
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, 4,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("cannot be a QR code: " + tooLong.getMessage(), tooLong);
        }
    }

    private static void drawModules(Graphics2D g, BitMatrix modules, int left, int top) {
        int count = modules.getWidth();
        int module = Math.max(1, QR_SIDE / count);
        // the pixels whole modules leave over widen the white margin, evenly on both sides
        int offset = (QR_SIDE - module * count) / 2;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(INK);
        for (int row = 0; row < count; row++) {
            for (int column = 0; column < count; column++) {
                if (modules.get(column, row)) {
                    g.fillRect(left + offset + column * module, top + offset + row * module, module, module);
                }
            }
        }
    }

    /** Draws one line centred below {@code top}, smaller or cut short to fit; answers where the next line starts. */
    private static int centred(Graphics2D g, Line text, int top) {
        String line = text.text() == null ? "" : text.text().strip().replaceAll("\\s+", " ");
        int width = WIDTH - 2 * MARGIN;
        Font fitted = text.font();
        FontMetrics metrics = g.getFontMetrics(fitted);
        // shrink to two thirds of the size at most, then shorten: a long name stays legible
        while (metrics.stringWidth(line) > width && fitted.getSize() > text.font().getSize() * 2 / 3) {
            fitted = fitted.deriveFont((float) fitted.getSize() - 1);
            metrics = g.getFontMetrics(fitted);
        }
        if (metrics.stringWidth(line) > width) {
            String ellipsis = fitted.canDisplay('…') ? "…" : "...";
            while (!line.isEmpty() && metrics.stringWidth(line + ellipsis) > width) {
                line = line.substring(0, line.offsetByCodePoints(line.length(), -1)).stripTrailing();
            }
            line += ellipsis;
        }
        g.setFont(fitted);
        g.setColor(text.colour());
        g.drawString(line, (WIDTH - metrics.stringWidth(line)) / 2, top + metrics.getAscent());
        return top + metrics.getHeight();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }
}
