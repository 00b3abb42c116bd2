package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.privacy.MessageTextsExpired;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.conversation.StateChanged;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.survey.QuestionAnswered;
import com.chatnation.crm.domain.survey.QuestionSkipped;
import com.chatnation.crm.domain.survey.SurveyResponseAbandoned;
import com.chatnation.crm.domain.survey.SurveyResponseCompleted;
import com.chatnation.crm.domain.survey.SurveyResponseStarted;
import com.chatnation.crm.domain.ticketing.ParticipantRegistered;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.ticketing.TicketsReserved;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static com.chatnation.crm.projections.analytics.JourneySteps.*;
import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Records the steps each contact reaches in {@code journey_events}, with when and where from. Every row is keyed
 * by the domain event's id and the step, so redelivered events change nothing; the first message is kept once
 * per contact by a unique index. Funnels are computed from these rows at query time ({@link FunnelQueries}).
 */
@Component
@ProcessingGroup(JourneyProjection.GROUP)
public class JourneyProjection {

    public static final String GROUP = "analytics-journey";
    public static final List<String> TABLES = List.of("journey_events");

    /** The row every main menu carries (see the conversation's menu reply). */
    static final String MENU_ROW_ID = "menu:help";
    private static final String PURCHASING_TICKET = "purchasing_ticket";
    private static final Pattern KEYWORD = Pattern.compile("[\\p{L}\\p{N}_-]{1,32}");

    private final JdbcTemplate jdbc;

    public JourneyProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static List<String> tables() {
        return TABLES;
    }

    /**
     * Journeys keep counting an erased contact under the opaque id; numbers written before go. What was read from
     * their messages' content (the message type, a keyword or template button as the source) goes too: the content
     * can no longer be read, so a rebuild would not have it either.
     */
    @EventHandler
    void on(ContactErased event) {
        jdbc.update("UPDATE journey_events SET contact_phone = NULL WHERE contact_id = ?", ContactIds.of(event.contactId()));
        jdbc.update("""
                        UPDATE journey_events SET detail = NULL,
                               source = CASE WHEN source LIKE 'keyword:%' OR source LIKE 'template:%' THEN 'direct'
                                             ELSE source END
                        WHERE contact_id = ? AND step IN (?, ?)""",
                ContactIds.of(event.contactId()), FIRST_MESSAGE, REFERRED);
    }

    /**
     * Messages whose texts expired are read by a rebuild without their content, as an erased contact's are: the
     * type and a keyword or template button as the source go the same way.
     */
    @EventHandler
    void on(MessageTextsExpired event) {
        jdbc.update("""
                        UPDATE journey_events SET detail = NULL,
                               source = CASE WHEN source LIKE 'keyword:%' OR source LIKE 'template:%' THEN 'direct'
                                             ELSE source END
                        WHERE organization_id = ? AND occurred_at < ? AND step IN (?, ?)""",
                event.organizationId(), java.sql.Timestamp.from(event.before()), FIRST_MESSAGE, REFERRED);
    }

    @EventHandler
    void on(ConversationStarted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        record(eventId, SESSION_STARTED, event.organizationId(), event.contactId(), null, null,
                event.sessionId(), null, at);
    }

    @EventHandler
    void on(MessageReceived event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        String source = sourceOf(event.content(), event.context());
        String type = event.content() == null ? null : event.content().type();
        record(eventId, FIRST_MESSAGE, event.organizationId(), event.contactId(), null, type, event.sessionId(),
                source, at);
        if (event.context() != null && event.context().referral() != null) {
            record(eventId, REFERRED, event.organizationId(), event.contactId(), null, type, event.sessionId(),
                    source, at);
        }
    }

    @EventHandler
    void on(ReplyQueued event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (event.reply() instanceof OutboundReply.ChoiceList list
                && list.rows().stream().anyMatch(row -> MENU_ROW_ID.equals(row.id()))) {
            record(eventId, MENU_OPENED, event.organizationId(), event.contactId(), null, null,
                    event.sessionId(), null, at);
        }
    }

    @EventHandler
    void on(StateChanged event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (!PURCHASING_TICKET.equals(event.toState()) || event.step() == null) {
            return;
        }
        Map<String, String> data = event.stateData() == null ? Map.of() : event.stateData();
        String step = switch (event.step()) {
            case "choosing_event" -> TICKET_FLOW_ENTERED;
            case "choosing_ticket_type" -> EVENT_CHOSEN;
            case "choosing_quantity" -> TICKET_TYPE_CHOSEN;
            case "confirming" -> QUANTITY_CHOSEN;
            default -> null;
        };
        if (step != null) {
            record(eventId, step, event.organizationId(), event.contactId(), data.get("eventId"),
                    data.get("ticketTypeId"), event.sessionId(), null, at);
        }
    }

    @EventHandler
    void on(SurveyResponseStarted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        record(eventId, SURVEY_STARTED, event.organizationId(), event.contactId(), event.surveyId(), null,
                event.responseId(), event.source(), at);
    }

    @EventHandler
    void on(QuestionAnswered event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        recordForResponse(eventId, QUESTION_ANSWERED, event.organizationId(), event.responseId(),
                event.questionId(), at);
    }

    @EventHandler
    void on(QuestionSkipped event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        if (QuestionSkipped.BY_CONTACT.equals(event.reason())) {
            recordForResponse(eventId, QUESTION_SKIPPED, event.organizationId(), event.responseId(),
                    event.questionId(), at);
        }
    }

    @EventHandler
    void on(SurveyResponseCompleted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        recordForResponse(eventId, SURVEY_COMPLETED, event.organizationId(), event.responseId(), null, at);
    }

    @EventHandler
    void on(SurveyResponseAbandoned event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        recordForResponse(eventId, SURVEY_ABANDONED, event.organizationId(), event.responseId(),
                event.lastQuestionId(), at);
    }

    @EventHandler
    void on(TicketsReserved event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        record(eventId, TICKETS_RESERVED, event.organizationId(), event.contactId(), event.eventId(),
                event.ticketTypeId(), event.reservationId(), null, at);
    }

    @EventHandler
    void on(TicketsIssued event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        record(eventId, TICKETS_PAID, event.organizationId(), event.contactId(), event.eventId(),
                event.ticketTypeId(), event.reservationId(), null, at);
    }

    @EventHandler
    void on(ParticipantRegistered event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        record(eventId, PARTICIPANT_REGISTERED, event.organizationId(), event.contactId(), event.eventId(),
                null, null, event.source(), at);
    }

    /**
     * Where a message came from: the click-to-WhatsApp ad or post that referred it, a referred product, a single
     * word typed (a keyword such as {@code tickets} or a survey's keyword), a tapped button, or {@code direct}.
     */
    static String sourceOf(MessageContent content, MessageContext context) {
        MessageContext.Referral referral = context == null ? null : context.referral();
        if (referral != null) {
            String type = referral.sourceType() == null || referral.sourceType().isBlank()
                    ? "referral" : referral.sourceType().toLowerCase(Locale.ROOT);
            String id = firstPresent(referral.sourceId(), referral.productRetailerId(), referral.ctwaClid(),
                    referral.headline());
            return truncate(id == null ? type : type + ":" + id);
        }
        if (content instanceof MessageContent.Text text && text.body() != null) {
            String word = text.body().strip().toLowerCase(Locale.ROOT);
            if (KEYWORD.matcher(word).matches()) {
                return "keyword:" + word;
            }
        }
        if (content instanceof MessageContent.TemplateButton button && button.payload() != null) {
            return truncate("template:" + button.payload());
        }
        return "direct";
    }

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String truncate(String value) {
        return value.length() <= 128 ? value : value.substring(0, 128);
    }

    private void record(String eventId, String step, String organizationId, String contactId, String subject,
                        String detail, String reference, String source, Instant at) {
        if (organizationId == null || contactId == null) {
            return;
        }
        // ON CONFLICT without a target: a redelivered event (primary key) and a later first message
        // (the partial unique index) are both ignored.
        jdbc.update("""
                        INSERT INTO journey_events (event_id, step, organization_id, contact_id, contact_phone, subject,
                                                    detail, reference, source, occurred_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                // analytics keep no phone number: the column stays for rows written before, and is cleared on erasure
                eventId, step, organizationId, ContactIds.of(contactId), null, subject, detail,
                reference, source, utc(at));
    }

    /**
     * Survey events after the start name only the response: the contact, survey and source are copied from the
     * response's {@code survey_started} row, which the response's own stream delivered first.
     */
    private void recordForResponse(String eventId, String step, String organizationId, String responseId,
                                   String detail, Instant at) {
        jdbc.update("""
                        INSERT INTO journey_events (event_id, step, organization_id, contact_id, contact_phone, subject,
                                                    detail, reference, source, occurred_at)
                        SELECT ?, ?, organization_id, contact_id, contact_phone, subject, ?, reference, source, ?
                        FROM journey_events
                        WHERE organization_id = ? AND reference = ? AND step = 'survey_started'
                        LIMIT 1
                        ON CONFLICT DO NOTHING""",
                eventId, step, detail, utc(at), organizationId, responseId);
    }
}
