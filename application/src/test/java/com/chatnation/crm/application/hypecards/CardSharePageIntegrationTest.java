package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.DashboardSession;
import com.chatnation.crm.application.support.TeamMembers;
import com.chatnation.crm.domain.hypecard.RecordCardGenerated;
import com.chatnation.crm.domain.hypecard.RequestCard;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drawn card's public page against real PostgreSQL: the page with its Open Graph tags, the PNG, views counted once
 * per person and day (link previews not at all), a share counted once per person and day and recorded on the card,
 * unknown and malformed codes not found, and the counts in the organization's API and dashboard only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardSharePageIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String CHROME = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0 Mobile Safari/537.36";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MediaStore store;
    @Value("${crm.public-url}")
    String publicUrl;

    private String base;
    private AdminClient.Onboarded organization;
    private AdminClient.Onboarded other;
    private String cardId;
    private String code;
    private byte[] png;

    @BeforeAll
    void aDrawnCard() throws Exception {
        base = "http://localhost:" + port;
        AdminClient platform = new AdminClient(base);
        organization = platform.onboardOrganizationWithOwner();
        other = platform.onboardOrganizationWithOwner();
        AdminClient.Response template = organization.owner().post(organization.path("/hypecard-templates"), Map.of(
                "name", "Speaker card", "keyword", "speaker", "layout", Map.of(
                        "width", 200, "height", 200, "background", "#112233", "layers", List.of(
                                Map.of("type", "qr", "x", 50, "y", 50, "size", 100, "color", "#000000")))));
        assertThat(template.status()).as(template.toString()).isEqualTo(201);

        png = solidPng(new Color(0x22, 0x88, 0x44));
        String key = store.keep(organization.organizationId(), png);
        cardId = UUID.randomUUID().toString();
        code = "Tst" + UUID.randomUUID().toString().replace("-", "").substring(0, 5);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        // asked for and drawn in one transaction, its job gone with it, as the workshop does: nothing is left to draw
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new RequestCard(cardId, organization.organizationId(), template.text("templateId"),
                    "conversation-" + cardId, UUID.randomUUID().toString(), "Amina Otieno", "Keynote speaker", null,
                    code, Instant.now()));
            commands.sendAndWait(new RecordCardGenerated(cardId, key, png.length, sha256, Instant.now()));
            jdbc.update("DELETE FROM card_jobs WHERE card_id = ?", cardId);
        });
    }

    @Test
    void thePageShowsTheCardWithItsPreviewTagsCountsPeopleOnceADayAndSharesOnce() throws Exception {
        HttpResponse<String> page = get("/c/" + code, FIREFOX);
        assertThat(page.statusCode()).isEqualTo(200);
        String pageUrl = publicUrl + "/c/" + code;
        String imageUrl = pageUrl + "/card.png";
        assertThat(meta(page.body(), "og:image")).isEqualTo(imageUrl);
        assertThat(meta(page.body(), "og:image:type")).isEqualTo("image/png");
        assertThat(meta(page.body(), "og:title")).isEqualTo("Speaker card");
        assertThat(meta(page.body(), "og:url")).isEqualTo(pageUrl);
        assertThat(meta(page.body(), "og:description")).isNotBlank();
        assertThat(meta(page.body(), "twitter:card")).isEqualTo("summary_large_image");
        assertThat(page.body()).contains("Share on WhatsApp").contains("Copy link")
                .doesNotContain("Amina").doesNotContain("<script>").doesNotContain("style=");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("form-action 'self' https://wa.me");
        assertThat(page.headers().allValues("Set-Cookie")).as("an anonymous visit opens no session").isEmpty();

        HttpResponse<byte[]> image = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/c/" + code + "/card.png"))
                .header("User-Agent", FIREFOX).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        assertThat(image.headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("public, max-age=86400");
        assertThat(image.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
        assertThat(image.body()).isEqualTo(png);

        assertThat(get("/c/" + code, FIREFOX).statusCode()).isEqualTo(200);
        assertThat(views()).as("the same person twice").isEqualTo(1);
        assertThat(get("/c/" + code, CHROME).statusCode()).isEqualTo(200);
        assertThat(views()).as("another browser").isEqualTo(2);
        assertThat(get("/c/" + code, "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")
                .statusCode()).isEqualTo(200);
        assertThat(get("/c/" + code, "WhatsApp/2.23.20.0 A").statusCode()).isEqualTo(200);
        assertThat(views()).as("link previews are not people").isEqualTo(2);

        HttpResponse<String> whatsApp = share("whatsapp", FIREFOX);
        assertThat(whatsApp.statusCode()).isEqualTo(303);
        String location = whatsApp.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("https://wa.me/?text=").doesNotContain(" ").doesNotContain("+");
        assertThat(URLDecoder.decode(location.substring("https://wa.me/?text=".length()), StandardCharsets.UTF_8))
                .isEqualTo("Speaker card: " + pageUrl);
        assertThat(share("copy", FIREFOX).statusCode()).as("the same person's second share").isEqualTo(204);
        assertThat(share("whatsapp", "WhatsApp/2.23.20.0 A").statusCode()).as("not a person: sent on, not counted")
                .isEqualTo(303);
        assertThat(share("fax", FIREFOX).statusCode()).isEqualTo(400);

        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM event_log WHERE event_type = 'CardShared' AND payload->>'cardId' = ?""",
                Long.class, cardId)).isEqualTo(1);
        await(() -> Integer.valueOf(1).equals(jdbc.queryForObject(
                "SELECT share_count FROM generated_cards WHERE id = ?", Integer.class, cardId)));

        AdminClient.Response listed = organization.owner().get(organization.path("/hypecards?limit=5"));
        assertThat(listed.status()).isEqualTo(200);
        JsonNode card = listed.body().path("items").get(0);
        assertThat(card.path("shareCode").asText()).isEqualTo(code);
        assertThat(card.path("templateName").asText()).isEqualTo("Speaker card");
        assertThat(card.path("imageUrl").asText()).isEqualTo(imageUrl);
        assertThat(card.path("views").asLong()).isEqualTo(2);
        assertThat(card.path("shares").asLong()).isEqualTo(1);

        DashboardSession owner = DashboardSession.logIn(base, TeamMembers.owner(organization));
        DashboardSession.Page dashboard = owner.get("/app/hypecards");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Speaker card").contains("data-card=\"" + code + "\"")
                .contains("href=\"" + pageUrl + "\"");
    }

    @Test
    void unknownAndMalformedCodesAreNotFound() throws Exception {
        assertThat(get("/c/Zz9Zz9Zz", FIREFOX).statusCode()).isEqualTo(404);
        assertThat(get("/c/Zz9Zz9Zz/card.png", FIREFOX).statusCode()).isEqualTo(404);
        assertThat(get("/c/short", FIREFOX).statusCode()).isEqualTo(404);
        assertThat(get("/c/" + code + "x", FIREFOX).statusCode()).isEqualTo(404);
        assertThat(get("/c/abc%2Ddef12", FIREFOX).statusCode()).isEqualTo(404);
        assertThat(get("/c/short/card.png", FIREFOX).statusCode()).isEqualTo(404);
        HttpResponse<String> missing = get("/c/Zz9Zz9Zz", FIREFOX);
        assertThat(missing.body()).contains("This card is not here");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/c/Zz9Zz9Zz/shares"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", FIREFOX)
                .POST(HttpRequest.BodyPublishers.ofString("channel=copy")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherOrganizationNeitherReadsNorListsTheCard() {
        assertThat(other.owner().get(organization.path("/hypecards")).status()).isEqualTo(403);
        AdminClient.Response own = other.owner().get(other.path("/hypecards"));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("items").findValuesAsText("shareCode")).doesNotContain(code);
        assertThat(organization.owner().get(organization.path("/hypecards?limit=0")).status()).isEqualTo(400);
    }

    private long views() {
        return jdbc.queryForObject("SELECT count(*) FROM card_views WHERE share_code = ?", Long.class, code);
    }

    private HttpResponse<String> get(String path, String userAgent) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("User-Agent", userAgent).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> share(String channel, String userAgent) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/c/" + code + "/shares"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString("channel=" + channel)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String meta(String html, String property) {
        Matcher tag = Pattern.compile("<meta (?:property|name)=\"" + Pattern.quote(property)
                + "\" content=\"([^\"]*)\"").matcher(html);
        assertThat(tag.find()).as("<meta " + property + "> in the page").isTrue();
        return tag.group(1).replace("&amp;", "&");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("the read model caught up").isTrue();
    }

    private static byte[] solidPng(Color colour) throws IOException {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
