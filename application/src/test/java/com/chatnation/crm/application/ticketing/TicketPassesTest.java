package com.chatnation.crm.application.ticketing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed passes: what the QR code carries, what verifies, and the image the holder shows. */
class TicketPassesTest {

    private static final String KEY = "a ticket signing key of at least 32 characters";
    private static final String CODE = "TECH-VIP-7K3Q9M";

    private final TicketPasses passes = new TicketPasses(KEY, "unused");

    @Test
    void aPassIsTheVersionTheCodeAndSixteenBytesOfSignature() {
        String pass = passes.payload(CODE);

        assertThat(pass).startsWith("T1." + CODE + ".").matches("T1\\.TECH-VIP-7K3Q9M\\.[A-Za-z0-9_-]{22}");
        assertThat(passes.payload(CODE)).as("the same every time").isEqualTo(pass);
        assertThat(passes.verified(pass)).contains(CODE);
        assertThat(passes.verified("  " + pass + "\n")).as("a scanner's line end").contains(CODE);
    }

    @Test
    void aPassSignedWithAnotherKeyOrAlteredDoesNotVerify() {
        String pass = passes.payload(CODE);
        String other = new TicketPasses("another signing key, also 32 characters long", "unused").payload(CODE);
        String anotherCode = pass.replace("7K3Q9M", "7K3Q9N");

        assertThat(passes.verified(other)).isEmpty();
        assertThat(passes.verified(anotherCode)).isEmpty();
        assertThat(passes.verified(pass.substring(0, pass.length() - 1))).isEmpty();
        assertThat(passes.verified("T1." + CODE)).isEmpty();
        assertThat(passes.verified("T1..")).isEmpty();
        assertThat(passes.verified(CODE)).as("a bare code is no pass").isEmpty();
    }

    @Test
    void aTypedCodeIsReadInCapitalsWithoutTheSpacesAroundIt() {
        assertThat(TicketPasses.isPass(" tech-vip-7k3q9m ")).isFalse();
        assertThat(TicketPasses.typed(" tech-vip-7k3q9m ")).isEqualTo(CODE);
        assertThat(TicketPasses.isPass(passes.payload(CODE))).isTrue();
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceAndKept(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("ticket-signing-key");
        String pass = new TicketPasses("", file.toString()).payload(CODE);

        assertThat(Files.readString(file)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(new TicketPasses("", file.toString()).payload(CODE)).as("after a restart").isEqualTo(pass);
        assertThatThrownBy(() -> new TicketPasses("too short", file.toString()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theImageReadsBackAsThePass() throws Exception {
        String pass = passes.payload(CODE);
        byte[] png = new TicketPassImages().render(pass, CODE, "TechExpo 2031: the biggest technology fair of the "
                + "region, three days of talks, stands and workshops", "VIP Pass");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(720);
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        assertThat(new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText())
                .isEqualTo(pass);
        // whole-pixel modules: the code itself is black and white only
        for (int y = 40; y < 40 + 200; y++) {
            for (int x = 60; x < 60 + 200; x++) {
                assertThat(image.getRGB(x, y) & 0xFFFFFF).isIn(0xFFFFFF, 0x111111);
            }
        }
    }
}
