package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.domain.broadcast.RecipientDeliveryUpdated;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Each contact's visit pattern and when contacts read the organization's messages, for engagement and churn
 * ({@link com.chatnation.crm.projections.queries.EngagementQueries}). A visit is an active day: a UTC day on which the contact wrote at least once.
 * <ul>
 *   <li>{@code engagement_days}: one row per contact and active day, with that day's first and last message;</li>
 *   <li>{@code engagement_contacts}: the contact's figures (first and last message, active days, first and last
 *       day, longest gap, reads), recomputed in SQL from the contact's days and reads after each change, so a row
 *       never depends on the order or the number of times events arrived and a rebuild gives the same rows;</li>
 *   <li>{@code engagement_reads}: one row per message of the organization a contact read (a reply or a broadcast
 *       message), at the time WhatsApp reported the read.</li>
 * </ul>
 * Only the opaque contact id, the organization and times are read from events: nothing here is sealed, so an erased
 * contact's history reads the same before and after the erasure. On {@link ContactErased} the contact's days and
 * figures go and their reads stay without the contact (they still count towards the organization's best times).
 */
@Component
@ProcessingGroup(EngagementProjection.GROUP)
public class EngagementProjection {

    public static final String GROUP = "analytics-engagement";
    public static final List<String> TABLES = List.of("engagement_days", "engagement_contacts", "engagement_reads");

    private static final String REFRESH_CONTACT = """
            INSERT INTO engagement_contacts (organization_id, contact_id, first_message_at, last_message_at, first_day,
                                             last_day, active_days, longest_gap_days, reads, last_read_at)
            SELECT d.organization_id, d.contact_id, min(d.first_at), max(d.last_at), min(d.day), max(d.day), count(*),
                   max(d.gap), r.reads, r.last_read_at
            FROM (SELECT organization_id, contact_id, day, first_at, last_at,
                         day - lag(day) OVER (ORDER BY day) AS gap
                  FROM engagement_days WHERE organization_id = ? AND contact_id = ?) d
            CROSS JOIN (SELECT count(*) AS reads, max(read_at) AS last_read_at FROM engagement_reads
                        WHERE organization_id = ? AND contact_id = ?) r
            GROUP BY d.organization_id, d.contact_id, r.reads, r.last_read_at
            ON CONFLICT (organization_id, contact_id) DO UPDATE SET
                first_message_at = excluded.first_message_at, last_message_at = excluded.last_message_at,
                first_day = excluded.first_day, last_day = excluded.last_day, active_days = excluded.active_days,
                longest_gap_days = excluded.longest_gap_days, reads = excluded.reads,
                last_read_at = excluded.last_read_at""";

    private final JdbcTemplate jdbc;

    public EngagementProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static List<String> tables() {
        return TABLES;
    }

    @EventHandler
    void on(MessageReceived event, @Timestamp Instant at) {
        if (event.organizationId() == null || event.contactId() == null) {
            return;
        }
        UUID contact = ContactIds.of(event.contactId());
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        jdbc.update("""
                        INSERT INTO engagement_days (organization_id, contact_id, day, first_at, last_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (organization_id, contact_id, day) DO UPDATE SET
                            first_at = least(engagement_days.first_at, excluded.first_at),
                            last_at = greatest(engagement_days.last_at, excluded.last_at)""",
                event.organizationId(), contact, LocalDate.ofInstant(at, ZoneOffset.UTC), when, when);
        jdbc.update(REFRESH_CONTACT, event.organizationId(), contact, event.organizationId(), contact);
    }

    /** A reply of the organization read by the contact. */
    @EventHandler
    void on(ReplyDeliveryUpdated event, @Timestamp Instant at) {
        if (event.status() == DeliveryStatus.READ && event.replyId() != null) {
            read(event.organizationId(), "reply:" + event.replyId(), event.contactId(),
                    event.at() != null ? event.at() : at);
        }
    }

    /** A broadcast message read by its recipient. */
    @EventHandler
    void on(RecipientDeliveryUpdated event, @Timestamp Instant at) {
        if (event.status() == DeliveryStatus.READ && event.recipientId() != null) {
            read(event.organizationId(), "broadcast:" + event.recipientId(), event.contactId(),
                    event.at() != null ? event.at() : at);
        }
    }

    private void read(String organizationId, String key, String contactId, Instant readAt) {
        if (organizationId == null) {
            return;
        }
        UUID contact = ContactIds.of(contactId);
        jdbc.update("""
                        INSERT INTO engagement_reads (organization_id, read_key, contact_id, read_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT (organization_id, read_key) DO NOTHING""",
                organizationId, truncate(key), contact, readAt.atOffset(ZoneOffset.UTC));
        if (contact != null) {
            jdbc.update("""
                            UPDATE engagement_contacts c SET reads = r.reads, last_read_at = r.last_read_at
                            FROM (SELECT count(*) AS reads, max(read_at) AS last_read_at FROM engagement_reads
                                  WHERE organization_id = ? AND contact_id = ?) r
                            WHERE c.organization_id = ? AND c.contact_id = ?""",
                    organizationId, contact, organizationId, contact);
        }
    }

    @EventHandler
    void on(ContactErased event) {
        UUID contact = ContactIds.of(event.contactId());
        if (contact == null || event.organizationId() == null) {
            return;
        }
        jdbc.update("DELETE FROM engagement_days WHERE organization_id = ? AND contact_id = ?",
                event.organizationId(), contact);
        jdbc.update("DELETE FROM engagement_contacts WHERE organization_id = ? AND contact_id = ?",
                event.organizationId(), contact);
        jdbc.update("UPDATE engagement_reads SET contact_id = NULL WHERE contact_id = ?", contact);
    }

    private static String truncate(String value) {
        return value.length() <= 160 ? value : value.substring(0, 160);
    }
}
