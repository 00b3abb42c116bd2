package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.domain.hypecard.CardLayout;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pixels rather than a golden file: the fonts behind SansSerif and Serif differ between machines, so the text is
 * checked by where ink lands, the rest by colours at points whose colour does not depend on the font.
 */
class CardRendererTest {

    private static final int BACKGROUND = 0x1E3A5F;
    private static final String LINK = "https://hype.chatnation.example/c/techexpo-2027/8f3a2c";
    private static final Map<String, String> AMINA =
            Map.of("name", "Amina Wanjiru", "title", "Speaker · TechExpo 2027");

    // The card's geometry, shared by the layout and the assertions.
    private static final int PHOTO_X = 390, PHOTO_Y = 120, PHOTO_SIZE = 300;
    private static final int NAME_X = 100, NAME_Y = 600, NAME_SIZE = 64;
    private static final int TITLE_X = 540, TITLE_Y = 720, TITLE_SIZE = 40;
    private static final int QR_X = 780, QR_Y = 800, QR_SIZE = 240;
    private static final int LOGO_X = 740, LOGO_Y = 40, LOGO_W = 280, LOGO_H = 140;

    private final CardRenderer renderer = new CardRenderer();

    @BeforeAll
    static void headless() {
        // As the service runs; the renderer must never need a display.
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void drawsEveryLayerOfASpeakerCard() throws Exception {
        byte[] png = renderer.render(speakerCard(), AMINA, photo(), LINK, images());

        assertThat(png.length).isBetween(10_000, 2_000_000);
        BufferedImage card = decode(png);
        assertThat(card.getWidth()).isEqualTo(1080);
        assertThat(card.getHeight()).isEqualTo(1080);
        Path sample = Path.of("target", "card-renderer", "sample-card.png");
        Files.createDirectories(sample.getParent());
        Files.write(sample, png);

        assertThat(rgb(card, 3, 3)).isEqualTo(BACKGROUND);
        assertThat(rgb(card, 1076, 1076)).isEqualTo(BACKGROUND);
    }

    @Test
    void cropsThePhotoToItsCentreAndCutsItRound() {
        BufferedImage card = decode(renderer.render(speakerCard(), AMINA, photo(), LINK, images()));
        int r = PHOTO_SIZE / 2, cx = PHOTO_X + r, cy = PHOTO_Y + r;

        // The photo's green edges fall outside the centred square; squashing instead of cropping would show them.
        assertThat(rgb(card, cx - r + 8, cy)).isEqualTo(0xFF0000);
        assertThat(rgb(card, cx - r / 2, cy)).isEqualTo(0xFF0000);
        assertThat(rgb(card, cx + r / 2, cy)).isEqualTo(0x0000FF);
        assertThat(rgb(card, cx + r - 8, cy)).isEqualTo(0x0000FF);
        assertThat(rgb(card, cx, cy - r + 8)).isIn(0xFF0000, 0x0000FF);

        // On the diagonal: just inside the circle is photo, just outside it (still in its square) the background.
        int inside = (int) Math.round((r - 4) / Math.sqrt(2));
        int outside = (int) Math.round((r + 3) / Math.sqrt(2));
        assertThat(rgb(card, cx - inside, cy - inside)).isEqualTo(0xFF0000);
        assertThat(rgb(card, cx - outside, cy - outside)).isEqualTo(BACKGROUND);
        assertThat(rgb(card, cx + outside, cy + outside)).isEqualTo(BACKGROUND);
        assertThat(rgb(card, PHOTO_X + 2, PHOTO_Y + 2)).isEqualTo(BACKGROUND);
    }

    @Test
    void theQrCodeReadsBackAsTheShareLink() throws NotFoundException {
        BufferedImage card = decode(renderer.render(speakerCard(), AMINA, photo(), LINK, images()));

        BufferedImage qr = card.getSubimage(QR_X, QR_Y, QR_SIZE, QR_SIZE);
        // ZXing core's RGBLuminanceSource: BufferedImageLuminanceSource is in its javase module, not a dependency.
        RGBLuminanceSource luminance = new RGBLuminanceSource(QR_SIZE, QR_SIZE, pixels(qr));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(luminance));
        Result result = new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));

        assertThat(result.getText()).isEqualTo(LINK);
        // Crisp modules: the code holds its two colours only, no antialiased greys.
        for (int y = 0; y < QR_SIZE; y++) {
            for (int x = 0; x < QR_SIZE; x++) {
                assertThat(qr.getRGB(x, y) & 0xFFFFFF).isIn(0xFFFFFF, 0x111111);
            }
        }
    }

    @Test
    void theImageLayerIsScaledIntoItsBox() {
        BufferedImage card = decode(renderer.render(speakerCard(), AMINA, photo(), LINK, images()));

        Color middle = new Color(rgb(card, LOGO_X + LOGO_W / 2, LOGO_Y + LOGO_H / 2));
        assertThat(middle.getRed()).isGreaterThan(200);
        assertThat(middle.getGreen()).isBetween(150, 220);
        // The logo (twice as wide as high, as the box) fills it to its corners and not a pixel more.
        assertThat(new Color(rgb(card, LOGO_X + 3, LOGO_Y + 3)).getRed()).isGreaterThan(200);
        assertThat(new Color(rgb(card, LOGO_X + LOGO_W - 4, LOGO_Y + LOGO_H - 4)).getRed()).isGreaterThan(200);
        assertThat(rgb(card, LOGO_X - 2, LOGO_Y + LOGO_H / 2)).isEqualTo(BACKGROUND);
        assertThat(rgb(card, LOGO_X + LOGO_W + 1, LOGO_Y + LOGO_H / 2)).isEqualTo(BACKGROUND);
        assertThat(rgb(card, LOGO_X + LOGO_W / 2, LOGO_Y + LOGO_H + 1)).isEqualTo(BACKGROUND);
    }

    @Test
    void aLogoOfAnotherShapeKeepsItsProportionsCentredInTheBox() {
        CardLayout layout = new CardLayout(400, 400, "#1e3a5f",
                List.of(new CardLayout.Image("square", 0, 100, 400, 200)));
        byte[] square = png(solid(50, 50, 0x00FF00));

        BufferedImage card = decode(renderer.render(layout, Map.of(), null, LINK, key -> square));

        assertThat(rgb(card, 200, 200)).isEqualTo(0x00FF00);
        assertThat(rgb(card, 20, 200)).isEqualTo(BACKGROUND);
        assertThat(rgb(card, 380, 200)).isEqualTo(BACKGROUND);
    }

    @Test
    void leftAlignedTextStartsAtItsAnchorBelowItsTop() {
        BufferedImage card = decode(renderer.render(speakerCard(), AMINA, photo(), LINK, images()));
        int lineHeight = metrics(Font.SANS_SERIF, Font.BOLD, NAME_SIZE).getHeight();

        Rectangle ink = ink(card, 0, NAME_Y - 40, 1080, lineHeight + 40);

        assertThat(ink).as("ink of {name}").isNotNull();
        assertThat(ink.x).isGreaterThanOrEqualTo(NAME_X);
        assertThat(ink.x).isLessThan(NAME_X + 10);
        assertThat(ink.y).as("y is the top of the line, not its baseline").isGreaterThanOrEqualTo(NAME_Y);
        assertThat(ink.y + ink.height).isLessThanOrEqualTo(NAME_Y + lineHeight);
        assertThat(ink.width).as("\"Amina Wanjiru\" in 64 px").isBetween(250, 700);
    }

    @Test
    void centredTextIsCentredOnItsAnchor() {
        BufferedImage card = decode(renderer.render(speakerCard(), AMINA, photo(), LINK, images()));
        int lineHeight = metrics(Font.SERIF, Font.PLAIN, TITLE_SIZE).getHeight();

        Rectangle ink = ink(card, 0, TITLE_Y, 1080, lineHeight);

        assertThat(ink).as("ink of {title}").isNotNull();
        assertThat(ink.getCenterX()).isCloseTo(TITLE_X, org.assertj.core.data.Offset.offset(6.0));
        assertThat(ink.width).isGreaterThan(200);
    }

    @Test
    void longTextWrapsWithinItsWidthAndLines() {
        String bio = "Building payment rails for small merchants across East Africa, one WhatsApp conversation at a "
                + "time, and talking about what it took to get there";
        CardLayout layout = new CardLayout(1080, 1080, "#1e3a5f", List.of(
                new CardLayout.Text("{bio}", "sans", 40, false, "#ffffff", 100, 100, 400, 3, "left"),
                new CardLayout.Text("{name}", "mono", 40, false, "#ffffff", 980, 600, 500, 1, "right")));
        FontMetrics sans = metrics(Font.SANS_SERIF, Font.PLAIN, 40);
        FontMetrics mono = metrics(Font.MONOSPACED, Font.PLAIN, 40);

        BufferedImage card = decode(renderer.render(layout, Map.of("bio", bio, "name", "Amina Wanjiru"), null,
                LINK, key -> null));

        Rectangle wrapped = ink(card, 0, 0, 1080, 500);
        assertThat(wrapped.x).isGreaterThanOrEqualTo(100);
        assertThat(wrapped.x + wrapped.width).isLessThanOrEqualTo(500);
        assertThat(wrapped.y + wrapped.height).as("three lines, no more")
                .isLessThanOrEqualTo(100 + 3 * sans.getHeight())
                .isGreaterThan(100 + 2 * sans.getHeight());
        Rectangle right = ink(card, 0, 500, 1080, 580);
        assertThat(right.x + right.width).isLessThanOrEqualTo(980);
        assertThat(right.x + right.width).isGreaterThan(960);
        assertThat(right.x).isGreaterThan(980 - 500);

        List<String> lines = CardRenderer.lines(bio, sans, 400, 3);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).endsWith("…");
        assertThat(lines).allSatisfy(line -> assertThat(sans.stringWidth(line)).isLessThanOrEqualTo(400));
        assertThat(String.join(" ", lines.subList(0, 2))).isEqualTo(bio.substring(0, String.join(" ",
                lines.subList(0, 2)).length()));
        assertThat(CardRenderer.lines("Amina", mono, 500, 1)).containsExactly("Amina");
    }

    @Test
    void aWordWiderThanTheLineIsBrokenAndExplicitBreaksAreKept() {
        FontMetrics sans = metrics(Font.SANS_SERIF, Font.PLAIN, 40);

        List<String> broken = CardRenderer.lines("https://hype.chatnation.example/c/techexpo-2027", sans, 200, 0);
        assertThat(broken).hasSizeGreaterThan(1);
        assertThat(String.join("", broken)).isEqualTo("https://hype.chatnation.example/c/techexpo-2027");
        assertThat(broken).allSatisfy(line -> assertThat(sans.stringWidth(line)).isLessThanOrEqualTo(200));

        assertThat(CardRenderer.lines("I'm attending\nTechExpo 2027", sans, 0, 0))
                .containsExactly("I'm attending", "TechExpo 2027");
    }

    @Test
    void variablesAreFilledInAndMissingOnesAreEmpty() {
        assertThat(CardRenderer.fill("{name}, {title}{nickname}!", AMINA))
                .isEqualTo("Amina Wanjiru, Speaker · TechExpo 2027!");
        assertThat(CardRenderer.fill("$1 {name} \\", Map.of("name", "$2\\"))).isEqualTo("$1 $2\\ \\");
        assertThat(CardRenderer.fill(null, AMINA)).isEmpty();

        CardLayout onlyMissing = new CardLayout(200, 200, "#1e3a5f", List.of(
                new CardLayout.Text("{nickname}", "sans", 40, true, "#ffffff", 10, 10, 180, 2, "left")));
        assertThat(ink(decode(renderer.render(onlyMissing, AMINA, null, LINK, key -> null)), 0, 0, 200, 200))
                .isNull();
    }

    @Test
    void withoutAPhotoAPlaceholderCarriesTheInitials() {
        BufferedImage card = decode(renderer.render(speakerCard(), AMINA, null, LINK, images()));
        int r = PHOTO_SIZE / 2, cx = PHOTO_X + r, cy = PHOTO_Y + r;

        assertThat(rgb(card, cx - r + 10, cy)).isEqualTo(0xC9CDD4);
        assertThat(rgb(card, PHOTO_X + 2, PHOTO_Y + 2)).as("round").isEqualTo(BACKGROUND);
        Rectangle letters = ink(card, PHOTO_X + 60, PHOTO_Y + 60, PHOTO_SIZE - 120, PHOTO_SIZE - 120, 0xC9CDD4);
        assertThat(letters).as("initials AW on the grey").isNotNull();
        assertThat(letters.getCenterX()).isCloseTo(cx, org.assertj.core.data.Offset.offset(10.0));
        assertThat(letters.width).isGreaterThan(60);
        assertThat(CardRenderer.initials("amina wanjiru otieno")).isEqualTo("AO");
        assertThat(CardRenderer.initials("  Amina ")).isEqualTo("A");
        assertThat(CardRenderer.initials(null)).isEmpty();
    }

    @Test
    void aPhotoThatDoesNotDecodeIsTreatedAsNone() {
        byte[] none = renderer.render(speakerCard(), AMINA, null, LINK, images());
        byte[] garbage = renderer.render(speakerCard(), AMINA, "not a jpeg".getBytes(), LINK, images());

        assertThat(pixels(decode(garbage))).isEqualTo(pixels(decode(none)));
    }

    @Test
    void anImageTheStoreLacksOrThatDoesNotDecodeIsSkipped() {
        for (Function<String, byte[]> images : List.<Function<String, byte[]>>of(key -> null,
                key -> new byte[]{1, 2, 3})) {
            BufferedImage card = decode(renderer.render(speakerCard(), AMINA, photo(), LINK, images));
            assertThat(ink(card, LOGO_X, LOGO_Y, LOGO_W, LOGO_H)).isNull();
        }
    }

    @Test
    void refusesColoursThatAreNotRrggbbNamingTheLayer() {
        CardLayout badText = new CardLayout(1080, 1080, "#1e3a5f", List.of(
                new CardLayout.Photo(0, 0, 100, false),
                new CardLayout.Text("{name}", "sans", 40, true, "white", 10, 10, 500, 1, "left")));
        assertThatThrownBy(() -> renderer.render(badText, AMINA, null, LINK, key -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 2 (text)");

        CardLayout badQr = new CardLayout(1080, 1080, "#1e3a5f", List.of(new CardLayout.QrCode(0, 0, 200, "#12345")));
        assertThatThrownBy(() -> renderer.render(badQr, AMINA, null, LINK, key -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 1 (qr)");

        CardLayout badBackground = new CardLayout(1080, 1080, "#fff", List.of());
        assertThatThrownBy(() -> renderer.render(badBackground, AMINA, null, LINK, key -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("background");
    }

    @Test
    void refusesCanvasesTooLargeOrTooSmall() {
        for (CardLayout layout : List.of(new CardLayout(4096, 1080, "#1e3a5f", List.of()),
                new CardLayout(1080, 2049, "#1e3a5f", List.of()),
                new CardLayout(99, 500, "#1e3a5f", List.of()))) {
            assertThatThrownBy(() -> renderer.render(layout, AMINA, null, LINK, key -> null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canvas");
        }
        assertThat(decode(renderer.render(new CardLayout(2048, 100, "#1e3a5f", List.of()), AMINA, null, LINK,
                key -> null)).getWidth()).isEqualTo(2048);
    }

    // ---- the card ----

    private static CardLayout speakerCard() {
        return new CardLayout(1080, 1080, "#1e3a5f", List.of(
                new CardLayout.Image("logo", LOGO_X, LOGO_Y, LOGO_W, LOGO_H),
                new CardLayout.Photo(PHOTO_X, PHOTO_Y, PHOTO_SIZE, true),
                new CardLayout.Text("{name}", "sans", NAME_SIZE, true, "#ffffff", NAME_X, NAME_Y, 880, 1, "left"),
                new CardLayout.Text("{title}", "serif", TITLE_SIZE, false, "#ffd166", TITLE_X, TITLE_Y, 880, 1,
                        "center"),
                new CardLayout.QrCode(QR_X, QR_Y, QR_SIZE, "#111111")));
    }

    /** 400×300: a green band each side, red then blue between, so only the centred 300×300 square is red|blue. */
    private static byte[] photo() {
        BufferedImage photo = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                photo.setRGB(x, y, x < 50 || x >= 350 ? 0x00FF00 : x < 200 ? 0xFF0000 : 0x0000FF);
            }
        }
        return png(photo);
    }

    /** The organization's logo, 560×280 of warm noise (noise, as photos are, so the PNG has a realistic size). */
    private static Function<String, byte[]> images() {
        Random random = new Random(7);
        BufferedImage logo = new BufferedImage(560, 280, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 280; y++) {
            for (int x = 0; x < 560; x++) {
                logo.setRGB(x, y, new Color(230 + random.nextInt(26), 175 + random.nextInt(26), random.nextInt(256))
                        .getRGB());
            }
        }
        byte[] bytes = png(logo);
        return key -> key.equals("logo") ? bytes : null;
    }

    private static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(rgb));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    // ---- reading pixels ----

    /** The metrics the renderer sees: fractional metrics off, the default for an image's graphics. */
    private static FontMetrics metrics(String family, int style, int size) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        FontMetrics metrics = g.getFontMetrics(new Font(family, style, size));
        g.dispose();
        return metrics;
    }

    private static Rectangle ink(BufferedImage card, int x, int y, int width, int height) {
        return ink(card, x, y, width, height, BACKGROUND);
    }

    /** The bounding box of the pixels in the region that are not {@code paper}, or null when there are none. */
    private static Rectangle ink(BufferedImage card, int x, int y, int width, int height, int paper) {
        Rectangle box = null;
        for (int row = y; row < y + height; row++) {
            for (int column = x; column < x + width; column++) {
                if (rgb(card, column, row) != paper) {
                    Rectangle pixel = new Rectangle(column, row, 1, 1);
                    box = box == null ? pixel : box.union(pixel);
                }
            }
        }
        return box;
    }

    private static int rgb(BufferedImage card, int x, int y) {
        return card.getRGB(x, y) & 0xFFFFFF;
    }

    private static int[] pixels(BufferedImage card) {
        return card.getRGB(0, 0, card.getWidth(), card.getHeight(), null, 0, card.getWidth());
    }

    private static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("a PNG ImageIO reads").isNotNull();
            return image;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
