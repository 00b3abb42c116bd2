package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.survey.SurveyDefinition;

import java.util.List;
import java.util.Optional;

/** The organization's published surveys, as the conversation needs them to start one. */
public interface SurveyCatalog {

    /** The latest published version of the survey whose trigger keywords include {@code keyword} (lower case). */
    Optional<SurveyDefinition> surveyForKeyword(String organizationId, String keyword);

    /** The latest published version of a survey, unless it is archived. */
    Optional<SurveyDefinition> survey(String organizationId, String surveyId);

    /** Surveys a contact can start from the menu, newest first. */
    List<SurveyDefinition> activeSurveys(String organizationId);
}
