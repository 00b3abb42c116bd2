package com.chatnation.crm.projections.crm.surveys;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.MediaLost;
import com.chatnation.crm.domain.conversation.MediaStored;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.chatnation.crm.domain.survey.AnswerRejected;
import com.chatnation.crm.domain.survey.AnswerValue;
import com.chatnation.crm.domain.survey.MediaAnswer;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionAnswered;
import com.chatnation.crm.domain.survey.QuestionSkipped;
import com.chatnation.crm.domain.survey.SurveyArchived;
import com.chatnation.crm.domain.survey.SurveyDefinition;
import com.chatnation.crm.domain.survey.SurveyPublished;
import com.chatnation.crm.domain.survey.SurveyResponseAbandoned;
import com.chatnation.crm.domain.survey.SurveyResponseCompleted;
import com.chatnation.crm.domain.survey.SurveyResponseStarted;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.projections.crm.ReadModelSupport.json;
import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code surveys} (the latest published version), {@code survey_versions}, {@code survey_responses} and
 * {@code response_attachments}. Survey rows never go back to an older version; response rows apply an event only
 * when its sequence number in the response's stream is above {@code last_sequence}.
 */
@Component
@ProcessingGroup(SurveysProjection.GROUP)
public class SurveysProjection {

    public static final String GROUP = "crm-surveys";
    public static final List<String> TABLES =
            List.of("surveys", "survey_versions", "survey_responses", "response_attachments");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public SurveysProjection(@ReadModelJdbc JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public static List<String> tables() {
        return TABLES;
    }

    /** An erased contact's answers go with them; completions stay counted in the rollups and the journey. */
    @EventHandler
    void on(ContactErased event) {
        jdbc.update("""
                DELETE FROM response_attachments WHERE response_id IN (
                    SELECT id FROM survey_responses WHERE contact_id = ?)""", ContactIds.of(event.contactId()));
        jdbc.update("DELETE FROM survey_responses WHERE contact_id = ?", ContactIds.of(event.contactId()));
    }

    @EventHandler
    void on(SurveyPublished event, @Timestamp Instant at) {
        SurveyDefinition definition = event.definition();
        Map<String, Object> logic = new LinkedHashMap<>();
        for (Question question : definition.questions()) {
            if (!question.skipRules().isEmpty()) {
                logic.put(question.id(), question.skipRules());
            }
        }
        String[] keywords = definition.keywords().toArray(String[]::new);
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    INSERT INTO surveys (id, organization_id, title, intro, thank_you, version, questions, logic,
                                         whatsapp_keywords, status, published_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, 'active', ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET title = excluded.title, intro = excluded.intro,
                        thank_you = excluded.thank_you, version = excluded.version, questions = excluded.questions,
                        logic = excluded.logic, whatsapp_keywords = excluded.whatsapp_keywords,
                        published_at = excluded.published_at, updated_at = excluded.updated_at,
                        created_at = LEAST(surveys.created_at, excluded.created_at)
                    WHERE surveys.version < excluded.version""");
            statement.setString(1, event.surveyId());
            statement.setString(2, event.organizationId());
            statement.setString(3, definition.title());
            statement.setString(4, definition.intro());
            statement.setString(5, definition.thankYou());
            statement.setInt(6, event.version());
            statement.setString(7, json(json, definition.questions()));
            statement.setString(8, json(json, logic));
            statement.setArray(9, connection.createArrayOf("text", keywords));
            statement.setObject(10, utc(at));
            statement.setObject(11, utc(at));
            statement.setObject(12, utc(at));
            return statement;
        });
        jdbc.update("""
                        INSERT INTO survey_versions (survey_id, version, organization_id, definition, published_at)
                        VALUES (?, ?, ?, ?::jsonb, ?)
                        ON CONFLICT (survey_id, version) DO NOTHING""",
                event.surveyId(), event.version(), event.organizationId(), json(json, definition), utc(at));
    }

    @EventHandler
    void on(SurveyArchived event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE surveys SET status = 'archived', archived_at = ?, updated_at = ?
                        WHERE id = ? AND status <> 'archived' AND version <= ?""",
                utc(at), utc(at), event.surveyId(), event.lastVersion());
    }

    @EventHandler
    void on(SurveyResponseStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO survey_responses (id, organization_id, survey_id, survey_version, contact_id,
                                                      contact_phone, conversation_id, source, status, started_at,
                                                      last_activity_at, last_sequence)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.responseId(), event.organizationId(), event.surveyId(), event.surveyVersion(),
                ContactIds.of(event.contactId()), event.contactPhone(),
                event.conversationId(), event.source(), utc(at), utc(at), sequence);
    }

    @EventHandler
    void on(QuestionAnswered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        AnswerValue value = event.value();
        jdbc.update("""
                        UPDATE survey_responses SET
                            answers = answers || jsonb_build_object(?::text, ?::text),
                            answer_values = answer_values || jsonb_build_object(?::text, ?::jsonb),
                            skipped = skipped - ?::text,
                            answered_count = (SELECT count(*) FROM jsonb_object_keys(answers || jsonb_build_object(?::text, 1))),
                            last_question_id = ?, last_activity_at = ?, last_sequence = ?
                        WHERE id = ? AND last_sequence < ?""",
                event.questionId(), value == null ? "" : value.display(),
                event.questionId(), json(json, value),
                event.questionId(), event.questionId(), event.questionId(), utc(at), sequence,
                event.responseId(), sequence);
        MediaAnswer media = value == null ? null : value.media();
        if (media != null) {
            // Only while the response is at this answer (new, or redelivered before anything later): the condition
            // is in the statement rather than on the update's count, which a rebuild's batched writes do not report.
            jdbc.update("""
                            INSERT INTO response_attachments (response_id, question_id, organization_id, survey_id, media_id,
                                                              kind, mime_type, caption, filename, voice, message_id,
                                                              created_at)
                            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::boolean, ?, ?::timestamptz
                            WHERE EXISTS (SELECT 1 FROM survey_responses WHERE id = ? AND last_sequence = ?)
                            ON CONFLICT (response_id, question_id) DO UPDATE SET media_id = excluded.media_id,
                                kind = excluded.kind, mime_type = excluded.mime_type, caption = excluded.caption,
                                filename = excluded.filename, voice = excluded.voice, message_id = excluded.message_id,
                                created_at = excluded.created_at, storage_key = NULL, stored_mime_type = NULL,
                                size_bytes = NULL, sha256 = NULL, stored_at = NULL, lost_reason = NULL""",
                    event.responseId(), event.questionId(), event.organizationId(), event.surveyId(),
                    media.mediaId(), media.kind(), media.mimeType(), media.caption(), media.filename(),
                    media.voice(), event.messageId(), utc(at), event.responseId(), sequence);
        }
    }

    /** The answer's file, copied out of WhatsApp: the dashboard serves it from the media store from now on. */
    @EventHandler
    void on(MediaStored event) {
        jdbc.update("""
                        UPDATE response_attachments SET storage_key = ?, stored_mime_type = ?, size_bytes = ?, sha256 = ?,
                            stored_at = ?, lost_reason = NULL
                        WHERE media_id = ? AND organization_id = ?""",
                event.storageKey(), event.mimeType(), event.sizeBytes(), event.sha256(), utc(event.storedAt()),
                event.mediaId(), event.organizationId());
    }

    @EventHandler
    void on(MediaLost event) {
        jdbc.update("UPDATE response_attachments SET lost_reason = ? WHERE media_id = ? AND organization_id = ?",
                event.reason(), event.mediaId(), event.organizationId());
    }

    @EventHandler
    void on(AnswerRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE survey_responses SET rejected_count = rejected_count + 1, last_question_id = ?,
                            last_activity_at = ?, last_sequence = ?
                        WHERE id = ? AND last_sequence < ?""",
                event.questionId(), utc(at), sequence, event.responseId(), sequence);
    }

    @EventHandler
    void on(QuestionSkipped event, @SequenceNumber long sequence, @Timestamp Instant at) {
        // A contact skipping an optional question reached it; skip logic jumps over questions never shown.
        boolean reached = QuestionSkipped.BY_CONTACT.equals(event.reason());
        jdbc.update("""
                        UPDATE survey_responses SET skipped = skipped || jsonb_build_object(?::text, ?::text),
                            last_question_id = CASE WHEN ? THEN ? ELSE last_question_id END,
                            last_activity_at = ?, last_sequence = ?
                        WHERE id = ? AND last_sequence < ?""",
                event.questionId(), event.reason(), reached, event.questionId(), utc(at), sequence,
                event.responseId(), sequence);
    }

    @EventHandler
    void on(SurveyResponseCompleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE survey_responses SET status = 'completed', completed_at = ?, answered_count = ?,
                            sentiment_score = ?, last_activity_at = ?, last_sequence = ?
                        WHERE id = ? AND last_sequence < ?""",
                utc(at), event.answeredCount(), BigDecimal.valueOf(event.sentimentScore()), utc(at), sequence,
                event.responseId(), sequence);
    }

    @EventHandler
    void on(SurveyResponseAbandoned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE survey_responses SET status = 'abandoned', abandoned_at = ?, abandon_reason = ?,
                            answered_count = ?, last_question_id = COALESCE(?, last_question_id), last_sequence = ?
                        WHERE id = ? AND last_sequence < ?""",
                utc(at), event.reason(), event.answeredCount(), event.lastQuestionId(), sequence,
                event.responseId(), sequence);
    }
}
