package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.application.media.MessageFiles;
import com.chatnation.crm.domain.conversation.DeliverCard;
import com.chatnation.crm.domain.hypecard.CardLayout;
import com.chatnation.crm.domain.hypecard.RecordCardFailed;
import com.chatnation.crm.domain.hypecard.RecordCardGenerated;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.chatnation.crm.application.platform.executors.PollingLoop;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Draws the cards on the list ({@link CardJobs}), a few at a time. A card is claimed by pushing its next attempt into
 * the future in a short transaction ({@code SKIP LOCKED}, so several instances share the list). A card with a photo
 * waits until the photo has been copied out of WhatsApp (by the media downloader, {@link MessageFiles}): drawing takes
 * the stored copy, so a photo is fetched from WhatsApp once, with the downloader's checks and retries. The drawn PNG
 * is kept in the media store, and in one transaction the card is recorded ({@code CardGenerated}), the conversation
 * sends it ({@link DeliverCard}) and the job goes. A photo lost or not there within {@code photo-wait}, a template
 * archived meanwhile, or {@code max-attempts} failed drawings give the card up ({@code CardFailed}) and the contact
 * is told.
 */
@Component
class CardWorkshop extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(CardWorkshop.class);
    private static final int CLAIMED_AT_ONCE = 4;
    /** How soon a card waiting for its photo looks again: the downloader usually has it within a second or two. */
    private static final Duration PHOTO_POLL = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CommandGateway commands;
    private final MediaStore store;
    private final MessageFiles photos;
    private final JdbcCardCatalog catalog;
    private final CardRenderer renderer;
    private final ShareLinks links;
    private final HypeCardProperties properties;

    CardWorkshop(JdbcTemplate jdbc, TransactionTemplate transaction, CommandGateway commands, MediaStore store,
                 MessageFiles photos, JdbcCardCatalog catalog, CardRenderer renderer, ShareLinks links,
                 HypeCardProperties properties) {
        super("hypecards", properties.pollInterval());
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.commands = commands;
        this.store = store;
        this.photos = photos;
        this.catalog = catalog;
        this.renderer = renderer;
        this.links = links;
        this.properties = properties;
    }

    private record Job(String cardId, String organizationId, String templateId, String conversationId, String name,
                       String title, String photoMessageId, String shareCode, int attempts, Instant requestedAt) {
    }

    /** Draws every card that is due now; answers how many were looked at. */
    int drawDue() {
        int handled = 0;
        List<Job> claimed;
        do {
            claimed = claim();
            for (Job job : claimed) {
                draw(job);
                handled++;
            }
        } while (claimed.size() == CLAIMED_AT_ONCE);
        return handled;
    }

    private List<Job> claim() {
        return transaction.execute(status -> {
            List<Job> due = jdbc.query("""
                            SELECT card_id, organization_id, template_id, conversation_id, name, title, photo_message_id,
                                   share_code, attempts, requested_at
                            FROM card_jobs WHERE next_attempt_at <= now()
                            ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                    (rs, n) -> new Job(rs.getString("card_id"), rs.getString("organization_id"),
                            rs.getString("template_id"), rs.getString("conversation_id"), rs.getString("name"),
                            rs.getString("title"), rs.getString("photo_message_id"), rs.getString("share_code"),
                            rs.getInt("attempts"), rs.getTimestamp("requested_at").toInstant()),
                    CLAIMED_AT_ONCE);
            for (Job job : due) {
                // the claim: nobody else takes it for a while, should this instance die while drawing it
                jdbc.update("UPDATE card_jobs SET next_attempt_at = ? WHERE card_id = ?",
                        Timestamp.from(Instant.now().plus(properties.retryDelay())), job.cardId());
            }
            return due;
        });
    }

    private void draw(Job job) {
        Optional<CardLayout> layout = catalog.layout(job.templateId());
        if (layout.isEmpty()) {
            failed(job, "template_gone");
            return;
        }
        byte[] photo = null;
        if (job.photoMessageId() != null) {
            MessageFiles.Copy copied = photos.of(job.photoMessageId());
            if (copied.lost() || copied.key() == null
                    && Instant.now().isAfter(job.requestedAt().plus(properties.photoWait()))) {
                failed(job, "photo_lost");
                return;
            }
            if (copied.key() == null) {
                jdbc.update("UPDATE card_jobs SET next_attempt_at = ? WHERE card_id = ?",
                        Timestamp.from(Instant.now().plus(PHOTO_POLL)), job.cardId());
                return;
            }
            photo = store.read(copied.key());
        }
        try {
            Map<String, String> variables = new HashMap<>();
            if (job.name() != null) {
                variables.put("name", job.name());
            }
            if (job.title() != null) {
                variables.put("title", job.title());
            }
            byte[] png = renderer.render(layout.get(), variables, photo, links.page(job.shareCode()), store::read);
            String key = store.keep(job.organizationId(), png);
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
            transaction.executeWithoutResult(status -> {
                commands.sendAndWait(new RecordCardGenerated(job.cardId(), key, png.length, sha256, Instant.now()));
                commands.sendAndWait(new DeliverCard(job.conversationId(), job.cardId(), key,
                        links.page(job.shareCode()), null));
                jdbc.update("DELETE FROM card_jobs WHERE card_id = ?", job.cardId());
            });
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } catch (RuntimeException e) {
            int attempts = job.attempts() + 1;
            if (attempts >= properties.maxAttempts()) {
                log.warn("Card {}: drawing failed {} times, given up", job.cardId(), attempts, e);
                failed(job, "render_failed");
                return;
            }
            Duration backoff = properties.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 10));
            jdbc.update("UPDATE card_jobs SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE card_id = ?",
                    attempts, String.valueOf(e.getMessage()), Timestamp.from(Instant.now().plus(backoff)),
                    job.cardId());
            log.info("Card {}: drawing attempt {} failed ({}); tried again in {}", job.cardId(), attempts,
                    e.getMessage(), backoff);
        }
    }

    private void failed(Job job, String reason) {
        transaction.executeWithoutResult(status -> {
            commands.sendAndWait(new RecordCardFailed(job.cardId(), reason, Instant.now()));
            commands.sendAndWait(new DeliverCard(job.conversationId(), job.cardId(), null, null, reason));
            jdbc.update("DELETE FROM card_jobs WHERE card_id = ?", job.cardId());
        });
        log.info("Card {} of organization {} given up: {}", job.cardId(), job.organizationId(), reason);
    }

    @Override
    protected void pass() {
        drawDue();
    }
}
