package com.chatnation.crm.application.ticketing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.springframework.stereotype.Component;

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
import java.util.Map;

/**
 * A ticket as the holder shows it at the gate: a PNG with the pass as a large QR code, and under it the ticket code
 * (for staff to type when a scan fails), the event and the ticket type. Java2D on an off-screen image, as HypeCards
 * are drawn, with the JVM's logical fonts.
 * <p>
 * The QR code is drawn with whole-pixel modules and no antialiasing, inside the four-module white margin scanners
 * expect, so a phone screen at arm's length, cracked or dimmed, still scans.
 */
@Component
class TicketPassImages {

    static final int WIDTH = 720;
    private static final int MARGIN = 40;
    private static final int QR_SIDE = WIDTH - 2 * MARGIN;
    private static final Color INK = new Color(0x11, 0x11, 0x11);
    private static final Color MUTED = new Color(0x4B, 0x52, 0x5C);

    byte[] render(String payload, String ticketCode, String eventName, String ticketTypeName) {
        BitMatrix modules = modules(payload);
        int codeSize = 44;
        int eventSize = 30;
        int typeSize = 26;
        // a line takes up to 1.4 times its font size (ascent, descent, leading)
        int height = MARGIN / 2 + QR_SIDE + 8 + (codeSize + eventSize + typeSize) * 7 / 5 + 2 * 16 + MARGIN;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            drawModules(g, modules, MARGIN, MARGIN / 2);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            int top = MARGIN / 2 + QR_SIDE + 8;
            top = centred(g, ticketCode, new Font(Font.MONOSPACED, Font.BOLD, codeSize), INK, top) + 16;
            top = centred(g, eventName, new Font(Font.SANS_SERIF, Font.BOLD, eventSize), INK, top) + 16;
            centred(g, ticketTypeName, new Font(Font.SANS_SERIF, Font.PLAIN, typeSize), MUTED, top);
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** The pass as QR modules, its white margin included; error correction M, as the HypeCards' codes. */
    private static BitMatrix modules(String payload) {
        try {
            // width and height 0: one element per module, scaled below to whole pixels
            return new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, 4,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("a ticket pass cannot be a QR code: " + tooLong.getMessage(), tooLong);
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
    private static int centred(Graphics2D g, String text, Font font, Color colour, int top) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        int width = WIDTH - 2 * MARGIN;
        Font fitted = font;
        FontMetrics metrics = g.getFontMetrics(fitted);
        // shrink to two thirds of the size at most, then shorten: a long name stays legible
        while (metrics.stringWidth(line) > width && fitted.getSize() > font.getSize() * 2 / 3) {
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
        g.setColor(colour);
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
