package com.chatnation.crm.projections.analytics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.chatnation.crm.projections.analytics.FunnelQueries.percent;
import static com.chatnation.crm.projections.analytics.FunnelQueries.startOf;

/**
 * Drop-off per question of one survey, computed at query time from {@code journey_events}; questions come in the
 * order of the survey's current definition ({@code surveys}), followed by any no longer in it.
 */
@Component
public class SurveyFunnelQueries {

    private final JdbcTemplate jdbc;

    public SurveyFunnelQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the organization has no such survey and no journey mentions it. */
    public Optional<SurveyFunnelReport> compute(String organizationId, String surveyId, LocalDate from, LocalDate to) {
        Map<String, String> questions = new LinkedHashMap<>();
        List<String> titles = new ArrayList<>();
        jdbc.query("""
                        SELECT s.title, q.question ->> 'id' AS id, q.question ->> 'text' AS text
                        FROM surveys s
                        LEFT JOIN LATERAL jsonb_array_elements(s.questions) WITH ORDINALITY AS q(question, n) ON true
                        WHERE s.id = ? AND s.organization_id = ?
                        ORDER BY q.n""",
                rs -> {
                    if (titles.isEmpty()) {
                        titles.add(rs.getString("title"));
                    }
                    if (rs.getString("id") != null) {
                        questions.put(rs.getString("id"), rs.getString("text"));
                    }
                }, surveyId, organizationId);

        record Count(String step, String detail, long responses) {
        }
        List<Count> counts = jdbc.query("""
                        WITH started AS (
                            SELECT reference FROM journey_events
                            WHERE organization_id = ? AND subject = ? AND step = 'survey_started'
                              AND occurred_at >= ? AND occurred_at < ?)
                        SELECT j.step, j.detail, count(DISTINCT j.reference) AS responses, min(j.occurred_at) AS first_at
                        FROM journey_events j JOIN started s ON s.reference = j.reference
                        WHERE j.organization_id = ? AND j.subject = ?
                        GROUP BY j.step, j.detail
                        ORDER BY first_at, j.detail""",
                (rs, i) -> new Count(rs.getString("step"), rs.getString("detail"), rs.getLong("responses")),
                organizationId, surveyId, startOf(from), startOf(to.plusDays(1)), organizationId, surveyId);
        if (titles.isEmpty() && counts.isEmpty() && !mentioned(organizationId, surveyId)) {
            return Optional.empty();
        }

        long started = 0;
        long completed = 0;
        long abandoned = 0;
        Map<String, long[]> byQuestion = new HashMap<>(); // answered, skipped, dropped off
        for (Count count : counts) {
            switch (count.step()) {
                case JourneySteps.SURVEY_STARTED -> started += count.responses();
                case JourneySteps.SURVEY_COMPLETED -> completed += count.responses();
                case JourneySteps.SURVEY_ABANDONED -> {
                    abandoned += count.responses();
                    tally(questions, byQuestion, count.detail(), 2, count.responses());
                }
                case JourneySteps.QUESTION_ANSWERED -> tally(questions, byQuestion, count.detail(), 0, count.responses());
                case JourneySteps.QUESTION_SKIPPED -> tally(questions, byQuestion, count.detail(), 1, count.responses());
                default -> {
                }
            }
        }
        List<SurveyFunnelReport.QuestionFigures> figures = new ArrayList<>();
        int position = 0;
        for (Map.Entry<String, String> question : questions.entrySet()) {
            long[] c = byQuestion.getOrDefault(question.getKey(), new long[3]);
            long reached = c[0] + c[1] + c[2];
            figures.add(new SurveyFunnelReport.QuestionFigures(++position, question.getKey(), question.getValue(),
                    reached, c[0], c[1], c[2], percent(c[2], reached)));
        }
        return Optional.of(new SurveyFunnelReport(surveyId, titles.isEmpty() ? null : titles.get(0), from, to,
                started, completed, abandoned, Math.max(0, started - completed - abandoned),
                percent(completed, started), figures));
    }

    private static void tally(Map<String, String> questions, Map<String, long[]> byQuestion, String questionId,
                              int slot, long responses) {
        if (questionId == null) {
            return;
        }
        questions.putIfAbsent(questionId, null);
        byQuestion.computeIfAbsent(questionId, q -> new long[3])[slot] += responses;
    }

    private boolean mentioned(String organizationId, String surveyId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT EXISTS (SELECT 1 FROM journey_events
                                       WHERE organization_id = ? AND subject = ? AND step = 'survey_started')""",
                Boolean.class, organizationId, surveyId));
    }
}
