package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.WebhookClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact makes a HypeCard over WhatsApp against the Graph API stand-in and real PostgreSQL: keyword, name, title
 * and photo; the photo is copied out of WhatsApp, the card drawn with it, uploaded through the media endpoint and sent
 * as an image, billed {@code hypecard/generate_card}. A photo WhatsApp no longer has gives the card up with an
 * apology, and nothing is charged for a card.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HypeCardFlowIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final Color BACKGROUND = new Color(0x11, 0x22, 0x33);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Conversations org;

    @BeforeEach
    void organization() {
        org = new Conversations(new AdminClient("http://localhost:" + port), 100, List.of(
                Map.of("module", "hypecard", "action", "reply", "tokens", 1),
                Map.of("module", "hypecard", "action", "generate_card", "tokens", 5)));
        AdminClient.Response created = org.admin.post(org.path("/hypecard-templates"), Map.of(
                "name", "Speaker card", "keyword", "mycard", "layout", Map.of(
                        "width", 400, "height", 400, "background", "#112233", "layers", List.of(
                                Map.of("type", "photo", "x", 100, "y", 20, "size", 200, "round", false),
                                text("{name}", 28, 240), text("{title}", 18, 280),
                                Map.of("type", "qr", "x", 300, "y", 300, "size", 90, "color", "#000000")))));
        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void aContactGivesNameTitleAndPhotoAndReceivesTheirCardAsAnImage() throws Exception {
        String phone = "+2547" + (10_000_000 + new Random().nextInt(89_999_999));
        String photoId = "media-" + UUID.randomUUID();
        GRAPH.putMedia(photoId, "image/png", solid(Color.RED, 300, 300));

        org.says(phone, "MyCard");
        assertThat(GRAPH.awaitSentTo(phone, 1).get(0).text()).contains("Speaker card").contains("What name");
        org.says(phone, "Amina Otieno");
        assertThat(GRAPH.awaitSentTo(phone, 2).get(1).text()).contains("title");
        org.says(phone, "Keynote speaker");
        assertThat(GRAPH.awaitSentTo(phone, 3).get(2).text()).contains("photo");
        assertThat(new WebhookClient(port).postSigned(WebhookClient.media(org.phoneNumberId, phone.substring(1),
                "image", photoId, "image/png")).statusCode()).isEqualTo(200);
        assertThat(GRAPH.awaitSentTo(phone, 4).get(3).text()).contains("being made");

        JsonNode card = GRAPH.awaitSentTo(phone, 5).get(4).body();
        assertThat(card.path("type").asText()).isEqualTo("image");
        String uploaded = card.path("image").path("id").asText();
        assertThat(GRAPH.uploadedType(uploaded)).isEqualTo("image/png");
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(GRAPH.uploaded(uploaded)));
        assertThat(drawn.getWidth()).isEqualTo(400);
        assertThat(drawn.getHeight()).isEqualTo(400);
        assertThat(new Color(drawn.getRGB(5, 5))).isEqualTo(BACKGROUND);
        assertThat(new Color(drawn.getRGB(200, 120))).isEqualTo(Color.RED); // the photo, in its box
        assertThat(new Color(drawn.getRGB(301, 301))).isEqualTo(Color.WHITE); // the QR code's quiet zone

        String caption = card.path("image").path("caption").asText();
        Map<String, Object> link = jdbc.queryForMap("SELECT * FROM card_links WHERE organization_id = ?",
                org.organizationId);
        assertThat(caption).endsWith("/c/" + link.get("share_code"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM card_jobs WHERE organization_id = ?", Long.class,
                org.organizationId)).isZero();
        // three questions, the promise and the card: 4 × 1 + 5 tokens
        awaitBalance(100 - 4 - 5);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM event_log WHERE event_type = 'TokenDebited' AND payload->>'organizationId' = ?
                  AND payload->'billable'->>'action' = 'generate_card'""", Long.class, org.organizationId)).isEqualTo(1);
    }

    @Test
    void aPhotoWhatsAppNoLongerHasGivesTheCardUpWithAnApologyAndNoCharge() throws Exception {
        String phone = "+2547" + (10_000_000 + new Random().nextInt(89_999_999));
        org.says(phone, "mycard");
        org.says(phone, "Brian");
        org.says(phone, "Volunteer");
        GRAPH.awaitSentTo(phone, 3);
        assertThat(new WebhookClient(port).postSigned(WebhookClient.media(org.phoneNumberId, phone.substring(1),
                "image", "media-expired-" + UUID.randomUUID(), "image/jpeg")).statusCode()).isEqualTo(200);

        assertThat(GRAPH.awaitSentTo(phone, 5).get(4).text()).contains("couldn't make your card")
                .contains("could not be downloaded");
        assertThat(jdbc.queryForObject("""
                SELECT payload->>'reason' FROM event_log WHERE event_type = 'CardFailed'
                  AND payload->>'organizationId' = ?""", String.class, org.organizationId)).isEqualTo("photo_lost");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM card_links WHERE organization_id = ?", Long.class,
                org.organizationId)).isZero();
        awaitBalance(100 - 5); // five replies of the flow, no card
    }

    /** A centred white text layer, one line. */
    private static Map<String, Object> text(String text, int size, int y) {
        return Map.ofEntries(Map.entry("type", "text"), Map.entry("text", text), Map.entry("font", "sans"),
                Map.entry("size", size), Map.entry("bold", true), Map.entry("color", "#ffffff"), Map.entry("x", 200),
                Map.entry("y", y), Map.entry("maxWidth", 380), Map.entry("maxLines", 1), Map.entry("align", "center"));
    }

    private void awaitBalance(long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (org.balance() != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(org.balance()).isEqualTo(expected);
    }

    private static byte[] solid(Color colour, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
