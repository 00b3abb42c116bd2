package com.chatnation.crm.domain.survey;

/** Every response event names its response, survey and organization, so read models need no lookups. */
public interface SurveyResponseEvent {

    String responseId();

    String organizationId();

    String surveyId();
}
