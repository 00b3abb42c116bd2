package com.chatnation.crm.domain.survey;

/** Every survey event names its survey and organization, so read models never need to look either up. */
public interface SurveyEvent {

    String surveyId();

    String organizationId();
}
