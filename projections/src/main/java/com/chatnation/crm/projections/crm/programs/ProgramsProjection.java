package com.chatnation.crm.projections.crm.programs;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.domain.conversation.ReplyFailed;
import com.chatnation.crm.domain.conversation.ReplySent;
import com.chatnation.crm.domain.program.ContentItem;
import com.chatnation.crm.domain.program.ContentItemAdded;
import com.chatnation.crm.domain.program.ContentItemRemoved;
import com.chatnation.crm.domain.program.ProgramArchived;
import com.chatnation.crm.domain.program.ProgramCreated;
import com.chatnation.crm.domain.program.ProgramItemDelivered;
import com.chatnation.crm.domain.program.ProgramSchedule;
import com.chatnation.crm.domain.program.SubscribedToProgram;
import com.chatnation.crm.domain.program.UnsubscribedFromProgram;
import com.chatnation.crm.projections.crm.EngagementProjections;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Time;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains the content programs' read tables: {@code programs} (with the number of active subscribers),
 * {@code content_items} (with how often each was sent, delivered, read and failed), {@code program_subscriptions},
 * {@code program_deliveries} (one row per item sent, by its reply's id), and the anonymous totals the analytics
 * read: joins and leaves per day of the program's time zone ({@code program_subscriber_days}) and leavers by join
 * day and days stayed ({@code program_churn}; the subscriptions a program's archiving ends are leaves but no churn).
 * <p>
 * A delivery counts once per stage whatever order and however often WhatsApp reports it: sent when WhatsApp took it
 * (a reply refused at sending is failed, never sent), delivered when delivered or read, read, and failed while its
 * status is failed (a read after a failure takes it out of the failed). An erased contact's subscriptions and
 * deliveries are deleted; an active subscription erased counts as a leave, so the subscribers per day stay right.
 * <p>
 * Whether an event changes a row and what it counts is decided inside each statement (the subscription stream's
 * sequence number on the row, the delivery's status before the report), never from a count an update returned:
 * the writes are queued and sent in batches. Replies' reports, the most frequent events, are one such statement.
 */
@Component
@ProcessingGroup(ProgramsProjection.GROUP)
public class ProgramsProjection {

    public static final String GROUP = EngagementProjections.GROUP;
    public static final List<String> TABLES = List.of("programs", "content_items", "program_subscriptions",
            "program_deliveries", "program_subscriber_days", "program_churn");

    private static final String SENT = "sent";
    private static final String FAILED = "failed";

    /** Counts a join or a leave on a day of the program, when {@code condition} (a CTE name) has a row. */
    private static final String COUNT_DAY = """
            INSERT INTO program_subscriber_days (program_id, organization_id, day, joins, leaves)
            SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM %1$s)
            ON CONFLICT (program_id, day) DO UPDATE SET joins = program_subscriber_days.joins + EXCLUDED.joins,
                leaves = program_subscriber_days.leaves + EXCLUDED.leaves""";

    private final JdbcTemplate jdbc;
    /** A program's time zone never changes: read once per program, not once per event. */
    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();

    public ProgramsProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProgramCreated event) {
        ProgramSchedule schedule = event.schedule();
        jdbc.update("""
                        INSERT INTO programs (id, organization_id, name, description, frequency, send_at, day_of_week,
                                              time_zone, join_keyword, start_from, reengage_template,
                                              reengage_language, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.programId(), event.organizationId(), event.name(), event.description(), schedule.frequency(),
                Time.valueOf(schedule.at()), schedule.day() == null ? null : schedule.day().name(), event.timeZone(),
                event.joinKeyword(), event.startFrom(), event.reengageTemplate(), event.reengageLanguage(),
                utc(event.createdAt()));
        zones.putIfAbsent(event.programId(), ZoneId.of(event.timeZone()));
    }

    @EventHandler
    void on(ProgramArchived event) {
        jdbc.update("UPDATE programs SET archived_at = ? WHERE id = ? AND archived_at IS NULL", utc(event.at()),
                event.programId());
    }

    /**
     * A new item, or an item id used again after its removal (the program allows it): the row comes back with its
     * new content and keeps its counters. An addition older than the removal (redelivered) changes nothing.
     */
    @EventHandler
    void on(ContentItemAdded event) {
        ContentItem item = event.item();
        jdbc.update("""
                        INSERT INTO content_items (id, program_id, organization_id, content_type, body, media_key,
                                                   poll_id, sequence_number, scheduled_at, added_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (program_id, id) DO UPDATE SET content_type = EXCLUDED.content_type,
                            body = EXCLUDED.body, media_key = EXCLUDED.media_key, poll_id = EXCLUDED.poll_id,
                            sequence_number = EXCLUDED.sequence_number, scheduled_at = EXCLUDED.scheduled_at,
                            added_at = EXCLUDED.added_at, removed_at = NULL
                        WHERE content_items.removed_at IS NOT NULL AND content_items.removed_at <= EXCLUDED.added_at""",
                item.itemId(), event.programId(), event.organizationId(), item.contentType(), item.body(),
                item.mediaKey(), item.pollId(), item.sequenceNumber(),
                item.scheduledOn() == null ? null : Date.valueOf(item.scheduledOn()), utc(event.at()));
    }

    @EventHandler
    void on(ContentItemRemoved event) {
        jdbc.update("UPDATE content_items SET removed_at = ? WHERE program_id = ? AND id = ? AND removed_at IS NULL",
                utc(event.at()), event.programId(), event.itemId());
    }

    /**
     * Opens or reopens the subscription unless a later event of its stream was applied; a subscription that was
     * not active before is one subscriber more and a join on the day.
     */
    @EventHandler
    void on(SubscribedToProgram event, @SequenceNumber long sequence) {
        jdbc.update(("""
                        WITH prior AS (
                            SELECT status FROM program_subscriptions WHERE id = ?
                        ), applied AS (
                            INSERT INTO program_subscriptions (id, program_id, organization_id, contact_id, source,
                                                               status, subscribed_at, last_sequence, event_sequence)
                            VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)
                            ON CONFLICT (id) DO UPDATE SET status = 'active', source = EXCLUDED.source,
                                subscribed_at = EXCLUDED.subscribed_at, unsubscribed_at = NULL,
                                unsubscribe_reason = NULL,
                                last_sequence = GREATEST(program_subscriptions.last_sequence, EXCLUDED.last_sequence),
                                event_sequence = EXCLUDED.event_sequence
                            WHERE program_subscriptions.event_sequence < EXCLUDED.event_sequence
                            RETURNING id
                        ), joined AS (
                            SELECT id FROM applied WHERE NOT EXISTS (SELECT 1 FROM prior WHERE status = 'active')
                        ), counted AS (
                            UPDATE programs SET subscriber_count = subscriber_count + 1
                            WHERE id = ? AND EXISTS (SELECT 1 FROM joined)
                        )
                        """ + COUNT_DAY).formatted("joined"),
                event.subscriptionId(),
                event.subscriptionId(), event.programId(), event.organizationId(), ContactIds.of(event.contactId()),
                event.source(), utc(event.at()), event.startAfterSequence(), sequence,
                event.programId(),
                event.programId(), event.organizationId(), Date.valueOf(day(event.programId(), event.at())), 1, 0);
    }

    /**
     * Ends the subscription unless a later event of its stream was applied; an active one is one subscriber fewer,
     * a leave on the day and, unless the program ended it, a leaver of its join day.
     */
    @EventHandler
    void on(UnsubscribedFromProgram event, @SequenceNumber long sequence) {
        Instant subscribedAt = event.subscribedAt() == null ? event.at() : event.subscribedAt();
        // a program's end is not its subscribers' choice: it empties the program but is no churn
        boolean churned = !UnsubscribedFromProgram.PROGRAM_ARCHIVED.equals(event.reason());
        jdbc.update(("""
                        WITH departed AS (
                            SELECT id FROM program_subscriptions
                            WHERE id = ? AND event_sequence < ? AND status = 'active'
                        ), applied AS (
                            UPDATE program_subscriptions SET status = 'unsubscribed', unsubscribed_at = ?,
                                unsubscribe_reason = ?, event_sequence = ?
                            WHERE id = ? AND event_sequence < ?
                        ), counted AS (
                            UPDATE programs SET subscriber_count = subscriber_count - 1
                            WHERE id = ? AND EXISTS (SELECT 1 FROM departed)
                        ), churn AS (
                            INSERT INTO program_churn (program_id, organization_id, joined_on, days_stayed, leavers)
                            SELECT ?, ?, ?, ?, 1 WHERE ? AND EXISTS (SELECT 1 FROM departed)
                            ON CONFLICT (program_id, joined_on, days_stayed)
                            DO UPDATE SET leavers = program_churn.leavers + 1
                        )
                        """ + COUNT_DAY).formatted("departed"),
                event.subscriptionId(), sequence,
                utc(event.at()), event.reason(), sequence, event.subscriptionId(), sequence,
                event.programId(),
                event.programId(), event.organizationId(), Date.valueOf(day(event.programId(), subscribedAt)),
                daysStayed(subscribedAt, event.at()), churned,
                event.programId(), event.organizationId(), Date.valueOf(day(event.programId(), event.at())), 0, 1);
    }

    /** The delivery's row, and one item more for the subscriber the first time the delivery is seen. */
    @EventHandler
    void on(ProgramItemDelivered event, @SequenceNumber long sequence) {
        jdbc.update("""
                        WITH inserted AS (
                            INSERT INTO program_deliveries (reply_id, subscription_id, program_id, organization_id,
                                                            item_id, contact_id, slot_date, status, status_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?) ON CONFLICT (reply_id) DO NOTHING
                            RETURNING subscription_id
                        )
                        UPDATE program_subscriptions SET items_received = items_received + 1,
                            last_sequence = COALESCE(?, last_sequence), event_sequence = GREATEST(event_sequence, ?)
                        WHERE id IN (SELECT subscription_id FROM inserted)""",
                event.replyId(), event.subscriptionId(), event.programId(), event.organizationId(), event.itemId(),
                ContactIds.of(event.contactId()), Date.valueOf(event.slotDate()), utc(event.at()),
                event.sequenceNumber(), sequence);
    }

    @EventHandler
    void on(ReplySent event, @Timestamp Instant at) {
        advance(event.replyId(), SENT, at, true);
    }

    @EventHandler
    void on(ReplyDeliveryUpdated event, @Timestamp Instant recordedAt) {
        // WhatsApp reports only on what it took, so even its "failed" means the message was sent
        advance(event.replyId(), event.status().wireName(), event.at() == null ? recordedAt : event.at(), true);
    }

    @EventHandler
    void on(ReplyFailed event, @Timestamp Instant at) {
        advance(event.replyId(), FAILED, at, false);
    }

    /** Erasures are rare: the contact's active subscriptions are read, then each counted as a leave. */
    @EventHandler
    void on(ContactErased event) {
        UUID contact = ContactIds.of(event.contactId());
        List<Active> active = jdbc.query("""
                        SELECT id, program_id, organization_id, subscribed_at FROM program_subscriptions
                        WHERE contact_id = ? AND status = 'active'""",
                (rs, n) -> new Active(rs.getString("id"), rs.getString("program_id"), rs.getString("organization_id"),
                        rs.getObject("subscribed_at", OffsetDateTime.class).toInstant()), contact);
        for (Active subscription : active) {
            // an erasure without a time is counted when the subscription started: it cannot be earlier
            Instant at = event.erasedAt() == null ? subscription.subscribedAt() : event.erasedAt();
            jdbc.update("UPDATE programs SET subscriber_count = subscriber_count - 1 WHERE id = ?",
                    subscription.programId());
            jdbc.update("""
                            INSERT INTO program_subscriber_days (program_id, organization_id, day, joins, leaves)
                            VALUES (?, ?, ?, 0, 1) ON CONFLICT (program_id, day)
                            DO UPDATE SET leaves = program_subscriber_days.leaves + 1""",
                    subscription.programId(), subscription.organizationId(),
                    Date.valueOf(day(subscription.programId(), at)));
            jdbc.update("""
                            INSERT INTO program_churn (program_id, organization_id, joined_on, days_stayed, leavers)
                            VALUES (?, ?, ?, ?, 1) ON CONFLICT (program_id, joined_on, days_stayed)
                            DO UPDATE SET leavers = program_churn.leavers + 1""",
                    subscription.programId(), subscription.organizationId(),
                    Date.valueOf(day(subscription.programId(), subscription.subscribedAt())),
                    daysStayed(subscription.subscribedAt(), at));
        }
        jdbc.update("DELETE FROM program_deliveries WHERE contact_id = ?", contact);
        jdbc.update("DELETE FROM program_subscriptions WHERE contact_id = ?", contact);
    }

    /** An active subscription of an erased contact. */
    private record Active(String id, String programId, String organizationId, Instant subscribedAt) {
    }

    /**
     * Moves a program delivery to {@code status} if the report is news (most replies are no program's: no row) and
     * counts on its item the stages it reached for the first time, all in one statement.
     *
     * @param taken whether WhatsApp took the message (every report but a refusal at sending)
     */
    private void advance(String replyId, String status, Instant at, boolean taken) {
        if (replyId == null) {
            return;
        }
        jdbc.update("""
                        WITH prior AS (
                            SELECT reply_id, program_id, item_id, status,
                                   program_delivery_rank(?::text) > program_delivery_rank(status) AS moves,
                                   ?::boolean AND sent_at IS NULL AS newly_sent,
                                   ?::text IN ('delivered', 'read') AND delivered_at IS NULL AS newly_delivered
                            FROM program_deliveries WHERE reply_id = ?
                        ), news AS (
                            SELECT * FROM prior WHERE moves OR newly_sent OR newly_delivered
                        ), moved AS (
                            UPDATE program_deliveries d SET
                                status = CASE WHEN n.moves THEN ?::text ELSE d.status END,
                                status_at = CASE WHEN n.moves THEN ?::timestamptz ELSE d.status_at END,
                                sent_at = CASE WHEN n.newly_sent THEN ?::timestamptz ELSE d.sent_at END,
                                delivered_at = CASE WHEN n.newly_delivered THEN ?::timestamptz ELSE d.delivered_at END
                            FROM news n WHERE d.reply_id = n.reply_id
                        )
                        UPDATE content_items i SET
                            sent_count = sent_count + CASE WHEN n.newly_sent THEN 1 ELSE 0 END,
                            delivered_count = delivered_count + CASE WHEN n.newly_delivered THEN 1 ELSE 0 END,
                            read_count = read_count + CASE WHEN n.moves AND ?::text = 'read' THEN 1 ELSE 0 END,
                            failed_count = failed_count + CASE WHEN n.moves AND ?::text = 'failed' THEN 1
                                                               WHEN n.moves AND n.status = 'failed' THEN -1
                                                               ELSE 0 END
                        FROM news n WHERE i.program_id = n.program_id AND i.id = n.item_id""",
                status, taken, status, replyId,
                status, utc(at), utc(at), utc(at),
                status, status);
    }

    /** Whole days between joining and leaving, the unit churn is counted in. */
    private static int daysStayed(Instant subscribedAt, Instant at) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, Duration.between(subscribedAt, at).toDays()));
    }

    /** The date in the program's time zone: a church in Nairobi counts its days from midnight in Nairobi. */
    private LocalDate day(String programId, Instant at) {
        ZoneId zone = zones.get(programId);
        if (zone == null) {
            List<String> found = jdbc.queryForList("SELECT time_zone FROM programs WHERE id = ?", String.class,
                    programId);
            zone = found.isEmpty() ? ZoneOffset.UTC : ZoneId.of(found.get(0));
            if (!found.isEmpty()) {
                zones.put(programId, zone);
            }
        }
        return LocalDate.ofInstant(at, zone);
    }
}
