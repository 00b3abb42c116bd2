package com.chatnation.crm.application.surveys;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.survey.SurveyArchived;
import com.chatnation.crm.domain.survey.SurveyDefinition;
import com.chatnation.crm.domain.survey.SurveyPublished;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.time.Instant;
import java.time.ZoneOffset;

/** Keeps {@code survey_catalog} in step with published surveys, inside the publishing transaction. */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class SurveyCatalogProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public SurveyCatalogProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(SurveyPublished event, @Timestamp Instant at) throws JsonProcessingException {
        SurveyDefinition survey = event.definition();
        String definition = json.writeValueAsString(survey);
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    INSERT INTO survey_catalog (survey_id, organization_id, version, title, keywords, definition, archived,
                                                published_at)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, FALSE, ?)
                    ON CONFLICT (survey_id) DO UPDATE SET version = excluded.version, title = excluded.title,
                        keywords = excluded.keywords, definition = excluded.definition,
                        published_at = excluded.published_at
                    WHERE survey_catalog.version < excluded.version""");
            Array keywords = connection.createArrayOf("text", survey.keywords().toArray());
            statement.setString(1, survey.surveyId());
            statement.setString(2, survey.organizationId());
            statement.setInt(3, survey.version());
            statement.setString(4, survey.title());
            statement.setArray(5, keywords);
            statement.setString(6, definition);
            statement.setObject(7, at.atOffset(ZoneOffset.UTC));
            return statement;
        });
    }

    @EventHandler
    void on(SurveyArchived event) {
        jdbc.update("UPDATE survey_catalog SET archived = TRUE WHERE survey_id = ?", event.surveyId());
    }
}
