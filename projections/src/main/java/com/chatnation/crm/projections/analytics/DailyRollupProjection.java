package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.chatnation.crm.domain.broadcast.BroadcastStarted;
import com.chatnation.crm.domain.broadcast.RecipientDeliveryUpdated;
import com.chatnation.crm.domain.broadcast.RecipientQueued;
import com.chatnation.crm.domain.broadcast.RecipientReplied;
import com.chatnation.crm.domain.broadcast.RecipientSent;
import com.chatnation.crm.domain.broadcast.RecipientSuppressed;
import com.chatnation.crm.domain.conversation.AgentReplied;
import com.chatnation.crm.domain.conversation.ConversationHandedOver;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.privacy.MessageTextsExpired;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.HandedBackToBot;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyFailed;
import com.chatnation.crm.domain.conversation.ReplyHeld;
import com.chatnation.crm.domain.conversation.ReplyExpired;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.domain.conversation.ReplySent;
import com.chatnation.crm.domain.survey.SurveyResponseAbandoned;
import com.chatnation.crm.domain.survey.SurveyResponseCompleted;
import com.chatnation.crm.domain.survey.SurveyResponseStarted;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.ticketing.TicketsReserved;
import com.chatnation.crm.domain.wallet.ReservationCaptured;
import com.chatnation.crm.domain.wallet.TokenDebited;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import static com.chatnation.crm.projections.analytics.RollupMetrics.*;

/**
 * Maintains {@code daily_rollups} (UTC days). Each counted fact first goes into {@code rollup_facts} under a key
 * that identifies it: the event id for additive figures, {@code day:contact} for active contacts, the contact for
 * new contacts. The daily total grows only when that insert created a row, in the same statement, so redelivered
 * events never count twice and a replay from an empty table gives the same totals.
 */
@Component
@ProcessingGroup(DailyRollupProjection.GROUP)
public class DailyRollupProjection {

    public static final String GROUP = "analytics-rollups";
    public static final List<String> TABLES = List.of("rollup_facts", "daily_rollups");
    /** The price-list module single template sends are charged under; its action is the category. */
    static final String TEMPLATES_MODULE = "templates";

    private final JdbcTemplate jdbc;

    public DailyRollupProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static List<String> tables() {
        return TABLES;
    }

    @EventHandler
    void on(ConversationStarted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), CONVERSATIONS_STARTED, eventId, at, "", BigDecimal.ONE);
        newContact(event.organizationId(), event.contactId(), at);
    }

    @EventHandler
    void on(MessageReceived event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        String type = event.content() == null ? "unknown" : event.content().type();
        add(event.organizationId(), MESSAGES_IN, eventId, at, type, BigDecimal.ONE, event.contactId());
        newContact(event.organizationId(), event.contactId(), at);
        if (event.contactId() != null) {
            add(event.organizationId(), CONTACTS_ACTIVE,
                    day(at) + ":" + ContactIds.of(event.contactId()), at, "", BigDecimal.ONE);
        }
    }

    @EventHandler
    void on(ReplyQueued event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), REPLIES_QUEUED, eventId, at, orEmpty(event.module()), BigDecimal.ONE);
    }

    @EventHandler
    void on(ReplySent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), MESSAGES_OUT, eventId, at, "", BigDecimal.ONE);
    }

    @EventHandler
    void on(ReplyFailed event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), REPLIES_FAILED, eventId, at,
                event.errorCode() == null ? "" : event.errorCode().toString(), BigDecimal.ONE);
    }

    /** WhatsApp's delivery reports; a failure reported this way counts with the other failed replies. */
    @EventHandler
    void on(ReplyDeliveryUpdated event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        switch (event.status()) {
            case DELIVERED -> add(event.organizationId(), REPLIES_DELIVERED, eventId, at, "", BigDecimal.ONE);
            case READ -> add(event.organizationId(), REPLIES_READ, eventId, at, "", BigDecimal.ONE);
            case FAILED -> add(event.organizationId(), REPLIES_FAILED, eventId, at,
                    event.errorCode() == null ? "" : event.errorCode().toString(), BigDecimal.ONE);
            case SENT -> { }
        }
    }

    @EventHandler
    void on(ReplyExpired event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), REPLIES_EXPIRED, eventId, at, orEmpty(event.reason()), BigDecimal.ONE);
    }

    @EventHandler
    void on(ReplyHeld event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), REPLIES_HELD, eventId, at, orEmpty(event.reason()), BigDecimal.ONE);
    }

    /** A single template send is charged as {@code templates/<category>}; broadcasts capture a reservation instead. */
    @EventHandler
    void on(TokenDebited event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), TOKENS_SPENT, eventId, at, orEmpty(event.module()) + "/" + orEmpty(event.action()),
                BigDecimal.valueOf(event.amount()));
        if (TEMPLATES_MODULE.equals(event.module())) {
            add(event.organizationId(), TEMPLATES_SENT, eventId, at, category(event.action()), BigDecimal.ONE);
        }
    }

    @EventHandler
    void on(ReservationCaptured event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), TOKENS_SPENT, eventId, at, orEmpty(event.module()) + "/" + orEmpty(event.action()),
                BigDecimal.valueOf(event.amount()));
    }

    @EventHandler
    void on(SurveyResponseStarted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), SURVEYS_STARTED, eventId, at, orEmpty(event.surveyId()), BigDecimal.ONE);
    }

    @EventHandler
    void on(SurveyResponseCompleted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), SURVEYS_COMPLETED, eventId, at, orEmpty(event.surveyId()), BigDecimal.ONE);
    }

    @EventHandler
    void on(SurveyResponseAbandoned event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), SURVEYS_ABANDONED, eventId, at, orEmpty(event.surveyId()), BigDecimal.ONE);
    }

    @EventHandler
    void on(TicketsReserved event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), TICKETS_RESERVED, eventId, at, orEmpty(event.eventId()),
                BigDecimal.valueOf(event.quantity()));
    }

    @EventHandler
    void on(TicketsIssued event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), TICKETS_SOLD, eventId, at, orEmpty(event.eventId()),
                BigDecimal.valueOf(event.ticketCodes().size()));
        if (event.total() != null) {
            add(event.organizationId(), TICKETS_REVENUE, eventId, at, orEmpty(event.currency()), event.total());
        }
    }

    @EventHandler
    void on(BroadcastStarted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), BROADCASTS_STARTED, eventId, at, "", BigDecimal.ONE);
        add(event.organizationId(), BROADCASTS_RECIPIENTS, eventId, at, "", BigDecimal.valueOf(event.recipients()));
    }

    // Recipient events may belong to an erased contact: only the organization, ids, statuses and category are read.

    @EventHandler
    void on(RecipientQueued event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), BROADCAST_MESSAGES, eventId, at, "queued", BigDecimal.ONE);
    }

    @EventHandler
    void on(RecipientSuppressed event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), BROADCAST_MESSAGES, eventId, at, "suppressed", BigDecimal.ONE);
    }

    @EventHandler
    void on(RecipientSent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), BROADCAST_MESSAGES, eventId, at, "sent", BigDecimal.ONE);
        add(event.organizationId(), TEMPLATES_SENT, eventId, at, category(event.category()), BigDecimal.ONE);
    }

    /** Sent is counted from {@link RecipientSent}; the aggregate never reports it as an update. */
    @EventHandler
    void on(RecipientDeliveryUpdated event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (event.status() != null && event.status() != DeliveryStatus.SENT) {
            add(event.organizationId(), BROADCAST_MESSAGES, eventId, at, event.status().wireName(), BigDecimal.ONE);
        }
    }

    @EventHandler
    void on(RecipientReplied event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), BROADCAST_MESSAGES, eventId, at, "replied", BigDecimal.ONE);
    }

    @EventHandler
    void on(ConversationHandedOver event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        add(event.organizationId(), INBOX_HANDOVERS, eventId, at, orEmpty(event.reason()), BigDecimal.ONE);
    }

    /** Counted on the day of the reply; a reply outside a handover, or a later one, is no first response. */
    @EventHandler
    void on(AgentReplied event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (event.firstResponse() && event.handedOverAt() != null) {
            add(event.organizationId(), INBOX_FIRST_RESPONSE_SECONDS, eventId, at, "",
                    seconds(event.handedOverAt(), event.at() != null ? event.at() : at));
        }
    }

    @EventHandler
    void on(HandedBackToBot event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        boolean resolved = HandedBackToBot.HANDED_BACK.equals(event.reason())
                || HandedBackToBot.CLOSED.equals(event.reason());
        if (resolved && event.handedOverAt() != null) {
            add(event.organizationId(), INBOX_RESOLUTION_SECONDS, eventId, at, event.reason(),
                    seconds(event.handedOverAt(), event.at() != null ? event.at() : at));
        }
    }

    /** Whole and fractional seconds between two moments, never negative (clocks of two sources may disagree). */
    private static BigDecimal seconds(Instant from, Instant to) {
        Duration between = Duration.between(from, to);
        return between.isNegative() ? BigDecimal.ZERO : BigDecimal.valueOf(between.toMillis()).movePointLeft(3);
    }

    private void newContact(String organizationId, String contactId, Instant at) {
        if (contactId != null) {
            add(organizationId, CONTACTS_NEW, ContactIds.of(contactId).toString(), at, "", BigDecimal.ONE);
        }
    }

    private void add(String organizationId, String metric, String factKey, Instant at, String dimension,
                     BigDecimal value) {
        add(organizationId, metric, factKey, at, dimension, value, null);
    }

    /** @param contactId whose message the fact counts, for facts whose dimension comes from the message's content */
    private void add(String organizationId, String metric, String factKey, Instant at, String dimension,
                     BigDecimal value, String contactId) {
        if (organizationId == null) {
            return;
        }
        jdbc.update("""
                        WITH fact AS (
                            INSERT INTO rollup_facts (organization_id, metric, fact_key, day, dimension, value, contact_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT DO NOTHING
                            RETURNING organization_id, day, metric, dimension, value)
                        INSERT INTO daily_rollups (organization_id, day, metric, dimension, value, facts)
                        SELECT organization_id, day, metric, dimension, value, 1 FROM fact
                        ON CONFLICT (organization_id, day, metric, dimension) DO UPDATE SET
                            value = daily_rollups.value + excluded.value,
                            facts = daily_rollups.facts + 1""",
                organizationId, metric, factKey, day(at), truncate(dimension), value, contactId);
    }

    /**
     * An erased contact's messages can no longer be read (their key is gone), so a rebuild counts them under the
     * type {@code unknown}: the live rollups are moved there too, keeping live and rebuilt tables the same. A day's
     * row left with no fact goes, as a rebuild would never have written it.
     */
    @EventHandler
    void on(ContactErased event) {
        moveMessagesToUnknown("contact_id = ?", event.contactId());
    }

    /** The same for an organization's messages whose texts expired: their monthly keys are gone. */
    @EventHandler
    void on(MessageTextsExpired event) {
        moveMessagesToUnknown("organization_id = ? AND day < ?", event.organizationId(), day(event.before()));
    }

    private void moveMessagesToUnknown(String which, Object... arguments) {
        Object[] all = new Object[arguments.length + 1];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = MESSAGES_IN;
        jdbc.update("""
                        WITH old AS (
                            SELECT organization_id, metric, fact_key, day, dimension, value FROM rollup_facts
                            WHERE %s AND metric = ? AND dimension <> 'unknown'),
                        moved AS (
                            UPDATE rollup_facts f SET dimension = 'unknown' FROM old
                            WHERE f.organization_id = old.organization_id AND f.metric = old.metric
                              AND f.fact_key = old.fact_key
                            RETURNING old.organization_id, old.day, old.metric, old.dimension, old.value),
                        per_day AS (
                            SELECT organization_id, day, metric, dimension, sum(value) AS value, count(*) AS facts
                            FROM moved GROUP BY organization_id, day, metric, dimension),
                        taken AS (
                            UPDATE daily_rollups d SET value = d.value - p.value, facts = d.facts - p.facts FROM per_day p
                            WHERE d.organization_id = p.organization_id AND d.day = p.day AND d.metric = p.metric
                              AND d.dimension = p.dimension)
                        INSERT INTO daily_rollups (organization_id, day, metric, dimension, value, facts)
                        SELECT organization_id, day, metric, 'unknown', sum(value), sum(facts) FROM per_day
                        GROUP BY organization_id, day, metric
                        ON CONFLICT (organization_id, day, metric, dimension) DO UPDATE SET
                            value = daily_rollups.value + excluded.value,
                            facts = daily_rollups.facts + excluded.facts""".formatted(which), all);
        jdbc.update("DELETE FROM daily_rollups WHERE metric = ? AND facts <= 0", MESSAGES_IN);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /**
     * Broadcast sends carry Meta's name (MARKETING), charges the price action (marketing); broadcast sends recorded
     * before the category was kept have none.
     */
    private static String category(String value) {
        return value == null || value.isBlank() ? "unknown" : value.strip().toLowerCase(Locale.ROOT);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String truncate(String value) {
        return value.length() <= 128 ? value : value.substring(0, 128);
    }
}
