package com.chatnation.crm.projections.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.chatnation.crm.projections.queries.Rows.instant;

/**
 * Reads an organization's surveys and aggregates their responses. Aggregation happens in PostgreSQL, over the
 * responses of one survey started in the requested range ({@code survey_responses_organization_survey_started}),
 * so a report costs one scan of those responses however many there are.
 */
@Repository
public class SurveyQueries {

    public record SurveyRow(String id, String title, String status, int version, List<String> keywords,
                            Instant publishedAt, Instant archivedAt, Instant createdAt, long responses,
                            long completed) {
        Cursor cursor() {
            return Cursor.of(createdAt, id);
        }
    }

    /** The latest published definition; {@code questions} as stored (id, text, type, options, …). */
    public record SurveyDefinitionRow(String id, String title, String status, int version, JsonNode questions) {
    }

    /** Responses started in the range, by status, and the sentiment of the scored (completed) ones. */
    public record ResponseFigures(long started, long completed, long abandoned, long inProgress, long scored,
                                  long negative, long neutral, long positive, BigDecimal averageSentiment) {
    }

    /**
     * How many answers of one question fall in one bucket. {@code kind} is {@code answered} (all answers, no
     * bucket), {@code choice} (bucket = option id), {@code flag} (true/false), {@code number} (the value),
     * {@code text}, {@code media} (no bucket) or {@code skipped} (bucket = reason).
     */
    public record AnswerBucket(String questionId, String kind, String bucket, long count) {
    }

    public record TextSample(String questionId, String text, Instant answeredAt) {
    }

    /** Range of {@code started_at}: from inclusive, to exclusive, either open. */
    public record Range(Instant from, Instant to) {
    }

    /**
     * One response as the results page lists it: who (from {@code contacts}, null after an erasure), how far they
     * got, and {@code answers} as people read them ({questionId: text}), with the media answers' files.
     */
    public record ResponseRow(String id, String contactId, String contactName, String contactPhone, String status,
                              int version, Instant startedAt, Instant lastActivityAt, Instant completedAt,
                              Instant abandonedAt, String lastQuestionId, BigDecimal sentimentScore,
                              Map<String, String> answers, List<AttachmentRow> attachments) {
        Cursor cursor() {
            return Cursor.of(startedAt, id);
        }

        /** The answer to one question as people read it, null when there is none. */
        public String answer(String questionId) {
            return answers.get(questionId);
        }
    }

    /** A media answer; the file itself stays in WhatsApp's media store under {@code mediaId}. */
    /**
     * A media answer; {@code storageKey} names its copy in the service's media store once made (its type
     * {@code storedMimeType}), {@code lostReason} why none could be made.
     */
    public record AttachmentRow(String responseId, String questionId, String mediaId, String kind, String mimeType,
                                String caption, String filename, boolean voice, Instant createdAt, String storageKey,
                                String storedMimeType, String lostReason) {
    }

    /** Sentiment below this is negative, above its negation positive. */
    public static final BigDecimal SENTIMENT_BAND = new BigDecimal("0.2");

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    public SurveyQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Surveys newest first ({@code surveys_organization_created}), with their response counts. */
    public Page<SurveyRow> surveys(String organizationId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        String keyset = "";
        if (after != null) {
            keyset = " AND (s.created_at, s.id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<SurveyRow> rows = jdbc.query("""
                SELECT s.id, s.title, s.status, s.version, s.whatsapp_keywords, s.published_at, s.archived_at,
                       s.created_at, counts.responses, counts.completed
                FROM surveys s
                CROSS JOIN LATERAL (
                    SELECT count(*) AS responses, count(*) FILTER (WHERE r.status = 'completed') AS completed
                    FROM survey_responses r WHERE r.organization_id = s.organization_id AND r.survey_id = s.id
                ) counts
                WHERE s.organization_id = :org""" + keyset + " ORDER BY s.created_at DESC, s.id DESC LIMIT :limit",
                params, (rs, n) -> {
                    Array keywords = rs.getArray("whatsapp_keywords");
                    return new SurveyRow(rs.getString("id"), rs.getString("title"), rs.getString("status"),
                            rs.getInt("version"),
                            keywords == null ? List.of() : Arrays.asList((String[]) keywords.getArray()),
                            instant(rs, "published_at"), instant(rs, "archived_at"), instant(rs, "created_at"),
                            rs.getLong("responses"), rs.getLong("completed"));
                });
        return Page.of(rows, limit, SurveyRow::cursor);
    }

    public Optional<SurveyDefinitionRow> definition(String organizationId, String surveyId) {
        return jdbc.query("""
                        SELECT id, title, status, version, questions FROM surveys
                        WHERE organization_id = :org AND id = :id""",
                new MapSqlParameterSource("org", organizationId).addValue("id", surveyId),
                (rs, n) -> new SurveyDefinitionRow(rs.getString("id"), rs.getString("title"), rs.getString("status"),
                        rs.getInt("version"), Rows.json(json, rs, "questions"))).stream().findFirst();
    }

    public ResponseFigures figures(String organizationId, String surveyId, Range range) {
        MapSqlParameterSource params = params(organizationId, surveyId, range);
        return jdbc.queryForObject("""
                SELECT count(*) AS started,
                       count(*) FILTER (WHERE status = 'completed') AS completed,
                       count(*) FILTER (WHERE status = 'abandoned') AS abandoned,
                       count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
                       count(sentiment_score) AS scored,
                       count(*) FILTER (WHERE sentiment_score < -:band) AS negative,
                       count(*) FILTER (WHERE sentiment_score BETWEEN -:band AND :band) AS neutral,
                       count(*) FILTER (WHERE sentiment_score > :band) AS positive,
                       avg(sentiment_score) AS average_sentiment
                FROM survey_responses r WHERE """ + responsesIn(range), params.addValue("band", SENTIMENT_BAND),
                (rs, n) -> new ResponseFigures(rs.getLong("started"), rs.getLong("completed"), rs.getLong("abandoned"),
                        rs.getLong("in_progress"), rs.getLong("scored"), rs.getLong("negative"),
                        rs.getLong("neutral"), rs.getLong("positive"), rs.getBigDecimal("average_sentiment")));
    }

    /** Abandoned responses by the question they stopped at, most frequent first; "" when none was reached. */
    public Map<String, Long> abandonedAt(String organizationId, String surveyId, Range range) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.query("""
                        SELECT COALESCE(last_question_id, '') AS question_id, count(*) AS n
                        FROM survey_responses r WHERE """ + responsesIn(range) + """
                         AND status = 'abandoned' GROUP BY 1 ORDER BY 2 DESC, 1""",
                params(organizationId, surveyId, range),
                rs -> {
                    result.put(rs.getString("question_id"), rs.getLong("n"));
                });
        return result;
    }

    public List<AnswerBucket> answerBuckets(String organizationId, String surveyId, Range range) {
        return jdbc.query("""
                WITH a AS (
                    SELECT e.key AS question_id, e.value AS v
                    FROM survey_responses r CROSS JOIN LATERAL jsonb_each(r.answer_values) e
                    WHERE """ + responsesIn(range) + """
                ), s AS (
                    SELECT e.key AS question_id, e.value AS reason
                    FROM survey_responses r CROSS JOIN LATERAL jsonb_each_text(r.skipped) e
                    WHERE """ + responsesIn(range) + """
                )
                SELECT question_id, 'answered' AS kind, NULL AS bucket, count(*) AS n FROM a GROUP BY question_id
                UNION ALL
                SELECT question_id, 'choice', c->>'id', count(*)
                FROM a CROSS JOIN LATERAL jsonb_array_elements(
                    CASE WHEN jsonb_typeof(v->'choices') = 'array' THEN v->'choices' ELSE '[]'::jsonb END) c
                GROUP BY question_id, c->>'id'
                UNION ALL
                SELECT question_id, 'flag', v->>'flag', count(*) FROM a
                WHERE jsonb_typeof(v->'flag') = 'boolean' GROUP BY question_id, v->>'flag'
                UNION ALL
                SELECT question_id, 'number', v->>'number', count(*) FROM a
                WHERE jsonb_typeof(v->'number') = 'number' GROUP BY question_id, v->>'number'
                UNION ALL
                SELECT question_id, 'text', NULL, count(*) FROM a
                WHERE jsonb_typeof(v->'text') = 'string' GROUP BY question_id
                UNION ALL
                SELECT question_id, 'media', NULL, count(*) FROM a
                WHERE jsonb_typeof(v->'media') = 'object' GROUP BY question_id
                UNION ALL
                SELECT question_id, 'skipped', reason, count(*) FROM s GROUP BY question_id, reason""",
                params(organizationId, surveyId, range),
                (rs, n) -> new AnswerBucket(rs.getString("question_id"), rs.getString("kind"), rs.getString("bucket"),
                        rs.getLong("n")));
    }

    /** The latest free-text answers of each question, newest first, at most {@code perQuestion} each. */
    public List<TextSample> textSamples(String organizationId, String surveyId, Range range, int perQuestion) {
        return jdbc.query("""
                SELECT question_id, text, answered_at FROM (
                    SELECT e.key AS question_id, e.value->>'text' AS text, r.last_activity_at AS answered_at,
                           row_number() OVER (PARTITION BY e.key ORDER BY r.last_activity_at DESC, r.id DESC) AS rank
                    FROM survey_responses r CROSS JOIN LATERAL jsonb_each(r.answer_values) e
                    WHERE """ + responsesIn(range) + """
                     AND jsonb_typeof(e.value->'text') = 'string'
                ) samples WHERE rank <= :samples ORDER BY question_id, rank""",
                params(organizationId, surveyId, range).addValue("samples", perQuestion),
                (rs, n) -> new TextSample(rs.getString("question_id"), rs.getString("text"),
                        instant(rs, "answered_at")));
    }

    /**
     * The responses started in the range, newest first, a keyset page at a time
     * ({@code survey_responses_organization_survey_started} walked in order), with their attachments.
     */
    public Page<ResponseRow> responses(String organizationId, String surveyId, Range range, Cursor after, int limit) {
        MapSqlParameterSource params = params(organizationId, surveyId, range).addValue("limit", limit + 1);
        String keyset = "";
        if (after != null) {
            keyset = " AND (r.started_at, r.id) < (:afterAt, :afterId) ";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<ResponseRow> rows = jdbc.query("""
                SELECT r.id, r.contact_id, c.name AS contact_name, COALESCE(c.phone, r.contact_phone) AS contact_phone,
                       r.status, r.survey_version, r.started_at, r.last_activity_at, r.completed_at, r.abandoned_at,
                       r.last_question_id, r.sentiment_score, r.answers
                FROM survey_responses r
                LEFT JOIN contacts c ON c.id = r.contact_id AND c.organization_id = r.organization_id
                WHERE""" + responsesIn(range) + keyset + """
                 ORDER BY r.started_at DESC, r.id DESC LIMIT :limit""", params,
                (rs, n) -> new ResponseRow(rs.getString("id"), rs.getString("contact_id"), rs.getString("contact_name"),
                        rs.getString("contact_phone"), rs.getString("status"), rs.getInt("survey_version"),
                        instant(rs, "started_at"), instant(rs, "last_activity_at"), instant(rs, "completed_at"),
                        instant(rs, "abandoned_at"), rs.getString("last_question_id"),
                        rs.getBigDecimal("sentiment_score"), texts(Rows.json(json, rs, "answers")), List.of()));
        Page<ResponseRow> page = Page.of(rows, limit, ResponseRow::cursor);
        if (page.items().isEmpty()) {
            return page;
        }
        Map<String, List<AttachmentRow>> attachments = new LinkedHashMap<>();
        jdbc.query("""
                        SELECT response_id, question_id, media_id, kind, mime_type, caption, filename, voice, created_at,
                               storage_key, stored_mime_type, lost_reason
                        FROM response_attachments
                        WHERE organization_id = :org AND survey_id = :survey AND response_id IN (:ids)
                        ORDER BY response_id, created_at, question_id""",
                new MapSqlParameterSource("org", organizationId).addValue("survey", surveyId)
                        .addValue("ids", page.items().stream().map(ResponseRow::id).toList()),
                rs -> {
                    AttachmentRow attachment = attachment(rs);
                    attachments.computeIfAbsent(attachment.responseId(), id -> new ArrayList<>()).add(attachment);
                });
        return new Page<>(page.items().stream().map(row -> new ResponseRow(row.id(), row.contactId(), row.contactName(),
                row.contactPhone(), row.status(), row.version(), row.startedAt(), row.lastActivityAt(),
                row.completedAt(), row.abandonedAt(), row.lastQuestionId(), row.sentimentScore(), row.answers(),
                List.copyOf(attachments.getOrDefault(row.id(), List.of())))).toList(), page.nextCursor());
    }

    /** One media answer of a response of the organization's survey. */
    public Optional<AttachmentRow> attachment(String organizationId, String surveyId, String responseId,
                                              String questionId) {
        return jdbc.query("""
                        SELECT response_id, question_id, media_id, kind, mime_type, caption, filename, voice, created_at,
                               storage_key, stored_mime_type, lost_reason
                        FROM response_attachments
                        WHERE response_id = :response AND question_id = :question AND organization_id = :org
                          AND survey_id = :survey""",
                new MapSqlParameterSource("org", organizationId).addValue("survey", surveyId)
                        .addValue("response", responseId).addValue("question", questionId),
                (rs, n) -> attachment(rs)).stream().findFirst();
    }

    private static AttachmentRow attachment(ResultSet rs) throws SQLException {
        return new AttachmentRow(rs.getString("response_id"), rs.getString("question_id"), rs.getString("media_id"),
                rs.getString("kind"), rs.getString("mime_type"), rs.getString("caption"), rs.getString("filename"),
                rs.getBoolean("voice"), instant(rs, "created_at"), rs.getString("storage_key"),
                rs.getString("stored_mime_type"), rs.getString("lost_reason"));
    }

    private static Map<String, String> texts(JsonNode answers) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (answers != null) {
            answers.fields().forEachRemaining(answer -> texts.put(answer.getKey(),
                    answer.getValue().isTextual() ? answer.getValue().asText() : answer.getValue().toString()));
        }
        return texts;
    }

    private static String responsesIn(Range range) {
        // spaces on both sides: text blocks drop the trailing space before it and the indentation after it
        return " r.organization_id = :org AND r.survey_id = :survey"
                + (range.from() == null ? "" : " AND r.started_at >= :from")
                + (range.to() == null ? "" : " AND r.started_at < :to") + " ";
    }

    private static MapSqlParameterSource params(String organizationId, String surveyId, Range range) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("survey", surveyId);
        if (range.from() != null) {
            params.addValue("from", range.from().atOffset(ZoneOffset.UTC));
        }
        if (range.to() != null) {
            params.addValue("to", range.to().atOffset(ZoneOffset.UTC));
        }
        return params;
    }
}
