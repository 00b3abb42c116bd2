package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** HypeCard templates over the API: an uploaded background, a layout checked by the domain, a preview drawn as PNG. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CardTemplatesIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    AdminClient platform;

    @BeforeEach
    void client() {
        platform = new AdminClient("http://localhost:" + port);
    }

    @Test
    void aTemplateWithAnUploadedBackgroundIsPreviewedAsTheCardItWouldDraw() throws Exception {
        Conversations org = new Conversations(platform, 10);
        BufferedImage background = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        var graphics = background.createGraphics();
        graphics.setColor(new Color(0x12, 0x34, 0x56));
        graphics.fillRect(0, 0, 200, 200);
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(background, "png", png);

        AdminClient.Response image = org.admin.postBytes(org.path("/hypecard-templates/images"), "image/png",
                png.toByteArray());
        assertThat(image.status()).as(image.toString()).isEqualTo(201);
        String imageKey = image.text("imageKey");
        assertThat(imageKey).startsWith(org.organizationId + "/");

        Map<String, Object> layout = Map.of("width", 1080, "height", 1080, "background", "#ffffff", "layers", List.of(
                Map.of("type", "image", "imageKey", imageKey, "x", 0, "y", 0, "width", 1080, "height", 540),
                Map.of("type", "photo", "x", 390, "y", 300, "size", 300, "round", true),
                text("{name}", "sans", 64, true, "#111111", 540, 680, 1000, 1, "center"),
                text("{title}", "serif", 40, false, "#333333", 540, 780, 1000, 2, "center"),
                Map.of("type", "qr", "x", 900, "y", 900, "size", 160, "color", "#000000")));
        AdminClient.Response created = org.admin.post(org.path("/hypecard-templates"), Map.of(
                "name", "Attendee card", "keyword", "My Card", "layout", layout));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String templateId = created.text("templateId");

        AdminClient.Response read = await(org, templateId);
        assertThat(read.body().path("keyword").asText()).isEqualTo("my card");
        assertThat(read.body().path("variables")).extracting(node -> node.asText())
                .containsExactly("name", "title", "photo");

        HttpResponse<byte[]> preview = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + org.path("/hypecard-templates/" + templateId + "/preview")))
                .header("Authorization", "Bearer " + org.admin.token()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage card = ImageIO.read(new ByteArrayInputStream(preview.body()));
        assertThat(card.getWidth()).isEqualTo(1080);
        // the square background fits its 1080×540 box keeping its proportions: centred, the sides left white
        assertThat(new Color(card.getRGB(540, 100))).isEqualTo(new Color(0x12, 0x34, 0x56));
        assertThat(new Color(card.getRGB(10, 10))).isEqualTo(Color.WHITE);
        assertThat(new Color(card.getRGB(10, 1070))).isEqualTo(Color.WHITE);

        assertThat(org.admin.post(org.path("/hypecard-templates/" + templateId + "/archive"), Map.of()).status())
                .isEqualTo(204);
        assertThat(refusal(org.admin.post(org.path("/hypecard-templates/" + templateId + "/archive"), Map.of())))
                .isEqualTo("422 template_archived");
    }

    @Test
    void layoutsAndImagesThatCannotBeDrawnAreRefusedWithTheRule() {
        Conversations org = new Conversations(platform, 10);
        Conversations other = new Conversations(platform, 10);
        Map<String, Object> text = text("{email}", "sans", 40, false, "#000000", 10, 10, 500, 1, "left");
        assertThat(refusal(org.admin.post(org.path("/hypecard-templates"), Map.of("name", "Bad", "keyword", "bad",
                "layout", Map.of("width", 600, "height", 600, "background", "#fff", "layers", List.of(text))))))
                .isEqualTo("422 invalid_layout");
        assertThat(refusal(org.admin.post(org.path("/hypecard-templates"), Map.of("name", "Bad", "keyword", "bad",
                "layout", Map.of("width", 600, "height", 600, "background", "#ffffff", "layers", List.of(text))))))
                .isEqualTo("422 invalid_layout");
        assertThat(refusal(org.admin.post(org.path("/hypecard-templates"), Map.of("name", "Menu", "keyword", "menu",
                "layout", Map.of("width", 600, "height", 600, "background", "#ffffff", "layers", List.of(
                        Map.of("type", "qr", "x", 0, "y", 0, "size", 100, "color", "#000000")))))))
                .isEqualTo("409 keyword_reserved");
        String theirs = other.admin.postBytes(other.path("/hypecard-templates/images"), "image/png", onePixelPng())
                .text("imageKey");
        assertThat(refusal(org.admin.post(org.path("/hypecard-templates"), Map.of("name", "Theirs", "keyword", "theirs",
                "layout", Map.of("width", 600, "height", 600, "background", "#ffffff", "layers", List.of(
                        Map.of("type", "image", "imageKey", theirs, "x", 0, "y", 0, "width", 100, "height", 100)))))))
                .isEqualTo("422 unknown_image");
        assertThat(refusal(org.admin.postBytes(org.path("/hypecard-templates/images"), "image/png",
                "not an image".getBytes()))).isEqualTo("422 unreadable_image");
        assertThat(org.admin.postBytes(org.path("/hypecard-templates/images"), "image/gif", new byte[]{1}).status())
                .isEqualTo(415);
        assertThat(refusal(org.admin.postBytes(org.path("/hypecard-templates/images"), "image/png",
                new byte[5 * 1024 * 1024 + 1]))).isEqualTo("413 image_too_large");
        assertThat(org.admin.get(org.path("/hypecard-templates/no-such-template")).status()).isEqualTo(404);
        assertThat(org.admin.post(org.path("/hypecard-templates"), Map.of("name", "No layout", "keyword", "x"))
                .status()).isEqualTo(400);
    }

    private static Map<String, Object> text(String text, String font, int size, boolean bold, String color, int x,
                                            int y, int maxWidth, int maxLines, String align) {
        Map<String, Object> layer = new java.util.LinkedHashMap<>(Map.of("type", "text", "text", text, "font", font,
                "size", size, "bold", bold, "color", color, "x", x, "y", y));
        layer.putAll(Map.of("maxWidth", maxWidth, "maxLines", maxLines, "align", align));
        return layer;
    }

    private static byte[] onePixelPng() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String refusal(AdminClient.Response response) {
        return response.status() + " " + response.body().path("code").asText();
    }

    private static AdminClient.Response await(Conversations org, String templateId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        AdminClient.Response read = org.admin.get(org.path("/hypecard-templates/" + templateId));
        while (read.status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            read = org.admin.get(org.path("/hypecard-templates/" + templateId));
        }
        assertThat(read.status()).isEqualTo(200);
        return read;
    }
}
