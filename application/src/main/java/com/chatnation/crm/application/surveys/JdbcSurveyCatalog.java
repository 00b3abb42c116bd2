package com.chatnation.crm.application.surveys;

import com.chatnation.crm.domain.conversation.SurveyCatalog;
import com.chatnation.crm.domain.survey.SurveyDefinition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The conversation's view of published surveys, read from {@code survey_catalog}. */
@Repository
class JdbcSurveyCatalog implements SurveyCatalog {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public JdbcSurveyCatalog(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<SurveyDefinition> surveyForKeyword(String organizationId, String keyword) {
        if (keyword == null || keyword.isBlank()) {
            return Optional.empty();
        }
        return first("""
                SELECT definition FROM survey_catalog
                WHERE organization_id = ? AND NOT archived AND keywords @> ARRAY[?]::text[]
                ORDER BY published_at DESC LIMIT 1""", organizationId, keyword);
    }

    @Override
    public Optional<SurveyDefinition> survey(String organizationId, String surveyId) {
        return first("SELECT definition FROM survey_catalog WHERE organization_id = ? AND survey_id = ? AND NOT archived",
                organizationId, surveyId);
    }

    @Override
    public List<SurveyDefinition> activeSurveys(String organizationId) {
        return jdbc.queryForList("""
                        SELECT definition FROM survey_catalog WHERE organization_id = ? AND NOT archived
                        ORDER BY published_at DESC LIMIT 20""", String.class, organizationId)
                .stream().map(this::read).toList();
    }

    /** Surveys of the organization other than {@code exceptSurveyId} already triggered by one of these keywords. */
    public List<String> keywordsTaken(String organizationId, List<String> keywords, String exceptSurveyId) {
        if (keywords.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("""
                        SELECT DISTINCT k FROM survey_catalog, unnest(keywords) k
                        WHERE organization_id = ? AND NOT archived AND survey_id <> ? AND k = ANY(?::text[])
                        ORDER BY k""", String.class, organizationId, exceptSurveyId == null ? "" : exceptSurveyId,
                keywords.toArray(String[]::new));
    }

    private Optional<SurveyDefinition> first(String sql, Object... args) {
        return jdbc.queryForList(sql, String.class, args).stream().findFirst().map(this::read);
    }

    private SurveyDefinition read(String definition) {
        try {
            return json.readValue(definition, SurveyDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("survey_catalog holds a definition that no longer reads", e);
        }
    }
}
