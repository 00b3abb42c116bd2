package com.chatnation.crm.application.media;

import com.chatnation.crm.application.platform.whatsapp.GraphApiRefusal;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppMedia;
import com.chatnation.crm.application.platform.whatsapp.WhatsAppProperties;
import com.chatnation.crm.domain.conversation.MediaLost;
import com.chatnation.crm.domain.conversation.RecordMediaLost;
import com.chatnation.crm.domain.conversation.RecordMediaStored;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.chatnation.crm.application.platform.executors.PollingLoop;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Copies the files on the list ({@link MediaQueue}) out of WhatsApp into the {@link MediaStore}, a few at a time.
 * A file is claimed by pushing its next attempt into the future in a short transaction ({@code SKIP LOCKED}, so
 * several instances share the list), downloaded outside any transaction, checked (size, type), stored, and recorded
 * on the contact's conversation ({@code MediaStored}) in the same transaction that marks it stored. A failed
 * download waits {@code retry-delay}, doubling each time; WhatsApp answering that it no longer has the file, a file
 * too large or of a type not kept, or {@code max-attempts} failures record it as lost ({@code MediaLost}). Nothing of
 * this blocks a conversation.
 */
@Component
class MediaDownloader extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(MediaDownloader.class);
    private static final int CLAIMED_AT_ONCE = 5;
    /** Types kept: what WhatsApp lets contacts send as photos, voice notes, videos and documents. */
    private static final List<String> KEPT_TYPES = List.of("image/", "audio/", "video/", "application/pdf",
            "text/plain", "application/msword", "application/vnd.ms-", "application/vnd.openxmlformats-officedocument.");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CommandGateway commands;
    private final MediaStore store;
    private final OrganizationDirectory organizations;
    private final WhatsAppProperties whatsApp;
    private final WhatsAppMedia media;
    private final MediaProperties properties;

    MediaDownloader(JdbcTemplate jdbc, TransactionTemplate transaction, CommandGateway commands, MediaStore store,
                    OrganizationDirectory organizations, WhatsAppProperties whatsApp, MediaProperties properties) {
        super("media-downloads", properties.pollInterval());
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.commands = commands;
        this.store = store;
        this.organizations = organizations;
        this.whatsApp = whatsApp;
        this.media = new WhatsAppMedia(whatsApp);
        this.properties = properties;
    }

    private record Claimed(String mediaId, String organizationId, String conversationId, String messageId,
                           String declaredType, int attempts) {
    }

    /** Copies every file that is due now; answers how many were handled. */
    int downloadDue() {
        int handled = 0;
        List<Claimed> claimed;
        do {
            claimed = claim();
            for (Claimed file : claimed) {
                download(file);
                handled++;
            }
        } while (claimed.size() == CLAIMED_AT_ONCE);
        return handled;
    }

    private List<Claimed> claim() {
        return transaction.execute(status -> {
            List<Claimed> due = jdbc.query("""
                            SELECT media_id, organization_id, conversation_id, message_id, declared_mime_type, attempts
                            FROM media_files WHERE status = 'pending' AND next_attempt_at <= now()
                            ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                    (rs, n) -> new Claimed(rs.getString("media_id"), rs.getString("organization_id"),
                            rs.getString("conversation_id"), rs.getString("message_id"),
                            rs.getString("declared_mime_type"), rs.getInt("attempts") + 1),
                    CLAIMED_AT_ONCE);
            for (Claimed file : due) {
                // the claim: nobody else takes it until this attempt's outcome or its backoff, if this instance dies
                jdbc.update("UPDATE media_files SET attempts = ?, next_attempt_at = ?, updated_at = now() "
                        + "WHERE media_id = ?", file.attempts(), Timestamp.from(Instant.now().plus(backoff(file))),
                        file.mediaId());
            }
            return due;
        });
    }

    private Duration backoff(Claimed file) {
        return properties.retryDelay().multipliedBy(1L << Math.min(file.attempts() - 1, 16));
    }

    private void download(Claimed file) {
        Optional<String> phoneNumberId = organizations.byId(file.organizationId()).map(OrganizationRow::phoneNumberId);
        String token = phoneNumberId.map(whatsApp::accessTokenFor).orElse(null);
        if (token == null) {
            failed(file, "no access token for the organization's number");
            return;
        }
        Path part = null;
        try {
            Optional<WhatsAppMedia.Download> opened = media.open(token, phoneNumberId.get(), file.mediaId());
            if (opened.isEmpty()) {
                lost(file, MediaLost.GONE, "WhatsApp no longer has the file");
                return;
            }
            try (WhatsAppMedia.Download download = opened.get()) {
                String type = mimeType(download.mimeType() != null ? download.mimeType() : file.declaredType());
                if (KEPT_TYPES.stream().noneMatch(type::startsWith)) {
                    lost(file, MediaLost.TYPE_NOT_ALLOWED, "files of type " + type + " are not kept");
                    return;
                }
                long limit = properties.maxSize().toBytes();
                if (download.length() > limit) {
                    lost(file, MediaLost.TOO_LARGE, download.length() + " bytes, more than " + limit);
                    return;
                }
                part = store.temporaryFile();
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long size = copy(new DigestInputStream(download.body(), sha256), part, limit);
                if (size > limit) {
                    lost(file, MediaLost.TOO_LARGE, "more than " + limit + " bytes");
                    return;
                }
                String digest = HexFormat.of().formatHex(sha256.digest());
                String key = store.put(MediaStore.keyOf(file.organizationId(), digest), part);
                part = null;
                stored(file, key, type, size, digest);
            }
        } catch (GraphApiRefusal | IOException e) {
            failed(file, e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    log.debug("Could not delete a partial download {}", part, e);
                }
            }
        }
    }

    /** Copies up to one byte past the limit: enough to know the file is too large without reading all of it. */
    private static long copy(InputStream in, Path target, long limit) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > limit) {
                    return total;
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    private void stored(Claimed file, String key, String type, long size, String sha256) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("""
                            UPDATE media_files SET status = 'stored', storage_key = ?, mime_type = ?, size_bytes = ?,
                                sha256 = ?, last_error = NULL, updated_at = now() WHERE media_id = ?""",
                    key, type, size, sha256, file.mediaId());
            commands.sendAndWait(new RecordMediaStored(file.conversationId(), file.messageId(), file.mediaId(), key,
                    type, size, sha256, Instant.now()));
        });
    }

    private void lost(Claimed file, String reason, String detail) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("UPDATE media_files SET status = 'lost', last_error = ?, updated_at = now() WHERE media_id = ?",
                    reason + ": " + detail, file.mediaId());
            commands.sendAndWait(new RecordMediaLost(file.conversationId(), file.messageId(), file.mediaId(), reason,
                    Instant.now()));
        });
        log.info("Media {} of organization {} not kept ({}): {}", file.mediaId(), file.organizationId(), reason, detail);
    }

    private void failed(Claimed file, String error) {
        if (file.attempts() >= properties.maxAttempts()) {
            lost(file, MediaLost.FAILED, file.attempts() + " attempts, the last: " + error);
            return;
        }
        jdbc.update("UPDATE media_files SET last_error = ?, updated_at = now() WHERE media_id = ?", error,
                file.mediaId());
        log.info("Media {}: download attempt {} failed ({}); tried again in {}", file.mediaId(), file.attempts(), error,
                backoff(file));
    }

    /** The plain {@code type/subtype} of a declared type, lower case; parameters ({@code ; codecs=opus}) dropped. */
    static String mimeType(String declared) {
        return declared == null ? "application/octet-stream"
                : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    @Override
    protected void pass() {
        downloadDue();
    }
}
