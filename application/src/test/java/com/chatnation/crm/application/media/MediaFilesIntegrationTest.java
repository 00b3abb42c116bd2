package com.chatnation.crm.application.media;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.TestDatabaseEnvironmentPostProcessor;
import com.chatnation.crm.application.support.WebhookClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files contacts send, copied out of the Graph API stand-in into the media store: a survey's photo kept after two
 * failed downloads, files WhatsApp no longer has, too large or of a type
 * not kept recorded as lost, and a contact's files deleted with the contact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaFilesIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    AdminClient platform;

    @BeforeEach
    void client() {
        platform = new AdminClient("http://localhost:" + port);
    }

    @Test
    void aSurveyPhotoIsKeptAfterFailedDownloadsAndOtherFilesAreRecordedAsLost() throws Exception {
        Conversations org = new Conversations(platform, 100);
        AdminClient.Response survey = org.admin.post(org.path("/surveys"), Map.of("title", "Stage photos",
                "keywords", List.of("photo"), "questions", List.of(Map.of("id", "q1", "text", "Send a photo of the stage",
                        "type", "MEDIA", "required", true))));
        assertThat(survey.status()).isEqualTo(201);
        String waId = "2547" + (10_000_000 + new Random().nextInt(89_999_999));
        byte[] photo = new byte[150_000];
        new Random(7).nextBytes(photo);
        String photoId = "media-" + UUID.randomUUID();
        GRAPH.putMedia(photoId, "image/jpeg", photo);
        GRAPH.failMedia(photoId, 2);

        org.says("+" + waId, "photo");
        GRAPH.awaitSentTo("+" + waId, 1);
        send(org, waId, "image", photoId, "image/jpeg");
        GRAPH.awaitSentTo("+" + waId, 2);

        Map<String, Object> kept = eventually(() -> jdbc.queryForList(
                "SELECT * FROM response_attachments WHERE media_id = ? AND storage_key IS NOT NULL", photoId));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        assertThat(kept.get("sha256")).isEqualTo(sha256);
        assertThat(kept.get("size_bytes")).isEqualTo((long) photo.length);
        assertThat(kept.get("stored_mime_type")).isEqualTo("image/jpeg");
        assertThat(kept.get("storage_key")).isEqualTo(org.organizationId + "/" + sha256);
        Path file = TestDatabaseEnvironmentPostProcessor.MEDIA_DIRECTORY.resolve((String) kept.get("storage_key"));
        assertThat(Files.readAllBytes(file)).isEqualTo(photo);
        assertThat(jdbc.queryForObject("SELECT attempts FROM media_files WHERE media_id = ?", Integer.class, photoId))
                .isEqualTo(3);

        String gone = "media-" + UUID.randomUUID();
        String huge = "media-" + UUID.randomUUID();
        String program = "media-" + UUID.randomUUID();
        GRAPH.putMedia(huge, "video/mp4", new byte[16 * 1024 * 1024 + 1]);
        GRAPH.putMedia(program, "application/x-msdownload", new byte[]{77, 90});
        send(org, waId, "image", gone, "image/jpeg");
        send(org, waId, "video", huge, "video/mp4");
        send(org, waId, "document", program, "application/x-msdownload");
        assertThat(eventually(() -> jdbc.queryForList("""
                SELECT payload->>'reason' AS reason FROM event_log
                WHERE event_type = 'MediaLost' AND payload->>'mediaId' = ?""", gone)).get("reason")).isEqualTo("gone");
        assertThat(eventually(() -> jdbc.queryForList("""
                SELECT payload->>'reason' AS reason FROM event_log
                WHERE event_type = 'MediaLost' AND payload->>'mediaId' = ?""", huge)).get("reason")).isEqualTo("too_large");
        assertThat(eventually(() -> jdbc.queryForList("""
                SELECT payload->>'reason' AS reason FROM event_log
                WHERE event_type = 'MediaLost' AND payload->>'mediaId' = ?""", program)).get("reason"))
                .isEqualTo("type_not_allowed");
        assertThat(Files.list(TestDatabaseEnvironmentPostProcessor.MEDIA_DIRECTORY.resolve(org.organizationId)))
                .hasSize(1);

        String contactId = jdbc.queryForObject("SELECT contact_id FROM media_files WHERE media_id = ?", String.class,
                photoId);
        assertThat(org.admin.post(org.path("/contacts/" + contactId + "/erasure"), Map.of("reason", "data subject request"))
                .status()).isEqualTo(200);
        Instant deadline = Instant.now().plusSeconds(20);
        while (Files.exists(file) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(file).doesNotExist();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM media_files WHERE contact_id = ?", Long.class, contactId))
                .isZero();
    }

    private void send(Conversations org, String waId, String type, String mediaId, String mimeType) {
        assertThat(new WebhookClient(port).postSigned(WebhookClient.media(org.phoneNumberId, waId, type, mediaId,
                mimeType)).statusCode()).isEqualTo(200);
    }

    private static Map<String, Object> eventually(Supplier<List<Map<String, Object>>> query) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> rows = query.get();
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing appeared within 30 seconds");
    }
}
