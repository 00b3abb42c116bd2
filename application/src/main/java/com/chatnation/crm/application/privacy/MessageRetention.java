package com.chatnation.crm.application.privacy;

import com.chatnation.crm.application.platform.privacy.ContactKeys;
import com.chatnation.crm.domain.privacy.MessageTextsExpired;
import com.chatnation.crm.projections.organizations.OrganizationDirectory;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Makes message texts older than an organization's retention period unreadable. In the read tables they are
 * blanked at once (transcripts keep the message, its time and status; the content and text are gone, and the reply
 * queue's copy too). In the event store texts are sealed with a key per contact and month, and a month's keys are
 * destroyed once the whole month is past the limit, so a rebuild shows texts again only for the part of a month
 * still inside it until that month ends. Destroying keys records {@link MessageTextsExpired}, so the analytics that
 * read something from the texts (a message's type, the keyword that brought a contact) forget it as a rebuild
 * would. Each pass logs what it did per organization.
 *
 * <p>Processed inbox items and quarantined webhook items hold raw payloads; they are kept {@link
 * #PROCESSED_INBOX_KEPT} and {@link #QUARANTINE_KEPT} whatever the organization's setting (long enough to look into
 * a failure), then deleted.
 */
@Component
class MessageRetention {

    static final Duration PROCESSED_INBOX_KEPT = Duration.ofDays(7);
    static final Duration QUARANTINE_KEPT = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);

    private final OrganizationDirectory organizations;
    private final ContactKeys keys;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventGateway events;
    private final Clock clock;

    MessageRetention(OrganizationDirectory organizations, ContactKeys keys, JdbcTemplate jdbc,
                     TransactionTemplate transaction, EventGateway events) {
        this.organizations = organizations;
        this.keys = keys;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    record Applied(String organizationId, int days, int messagesBlanked, int repliesBlanked, int notesBlanked,
                   int keysDestroyed) {
    }

    /** One pass over every organization with a limit, and the inbox. */
    void applyAll() {
        organizations.messageRetentions().forEach(this::apply);
        int inbox = jdbc.update("DELETE FROM inbound_inbox WHERE status = 'done' AND processed_at < ?",
                Timestamp.from(clock.instant().minus(PROCESSED_INBOX_KEPT)));
        int quarantined = jdbc.update("DELETE FROM webhook_quarantine WHERE received_at < ?",
                Timestamp.from(clock.instant().minus(QUARANTINE_KEPT)));
        if (inbox + quarantined > 0) {
            log.info("Retention: removed {} processed inbox items older than {} days and {} quarantined webhook items "
                    + "older than {} days", inbox, PROCESSED_INBOX_KEPT.toDays(), quarantined, QUARANTINE_KEPT.toDays());
        }
    }

    Applied apply(String organizationId, int days) {
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        Applied applied = transaction.execute(status -> {
            int messages = jdbc.update("""
                    UPDATE messages SET content = NULL, text = NULL
                    WHERE organization_id = ? AND created_at < ? AND (content IS NOT NULL OR text IS NOT NULL)""",
                    organizationId, Timestamp.from(cutoff));
            int replies = jdbc.update("""
                    UPDATE outbound_replies SET reply = '{"expired": true}'::jsonb
                    WHERE organization_id = ? AND queued_at < ? AND status IN ('sent', 'failed')
                    AND reply <> '{"expired": true}'::jsonb""", organizationId, Timestamp.from(cutoff));
            // the team's notes are about the contact, and questions put to the knowledge base are the contact's own
            // words: they go with the contact's messages
            int notes = jdbc.update("""
                    UPDATE conversation_notes SET text = NULL
                    WHERE organization_id = ? AND created_at < ? AND text IS NOT NULL""",
                    organizationId, Timestamp.from(cutoff));
            notes += jdbc.update("""
                    UPDATE rag_query_logs SET question = NULL
                    WHERE organization_id = ? AND asked_at < ? AND question IS NOT NULL""",
                    organizationId, Timestamp.from(cutoff));
            // a month's key goes only when the whole month is older than the limit
            YearMonth firstKept = YearMonth.from(cutoff.atOffset(ZoneOffset.UTC));
            int destroyed = keys.destroyMessageTextKeysBefore(organizationId, firstKept);
            if (destroyed > 0) {
                // in this transaction: the read models hear of it exactly when the texts became unreadable
                events.publish(new MessageTextsExpired(organizationId,
                        firstKept.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(), destroyed));
            }
            return new Applied(organizationId, days, messages, replies, notes, destroyed);
        });
        if (applied.messagesBlanked() + applied.repliesBlanked() + applied.notesBlanked() + applied.keysDestroyed() > 0) {
            log.info("Retention: organization {} keeps message texts {} days: blanked {} messages, {} queued "
                            + "replies and {} notes and questions to the bot older than {}, destroyed {} monthly text keys", organizationId, days,
                    applied.messagesBlanked(), applied.repliesBlanked(), applied.notesBlanked(), cutoff,
                    applied.keysDestroyed());
        }
        return applied;
    }
}
