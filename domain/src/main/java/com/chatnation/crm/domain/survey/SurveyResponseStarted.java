package com.chatnation.crm.domain.survey;

import org.axonframework.serialization.Revision;

import java.time.Duration;

/** A contact started a survey; the definition travels along so the response is answerable on its own. */
@Revision("1")
public record SurveyResponseStarted(String responseId, String organizationId, String surveyId, int surveyVersion,
                                    String contactPhone, String conversationId, String source,
                                    SurveyDefinition definition, Duration inactivityTimeout)
        implements SurveyResponseEvent {
}
