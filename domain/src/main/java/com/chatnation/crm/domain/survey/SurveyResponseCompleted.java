package com.chatnation.crm.domain.survey;

import org.axonframework.serialization.Revision;

/** The response reached its end; {@code sentimentScore} is over its free-text answers, 0 when there are none. */
@Revision("1")
public record SurveyResponseCompleted(String responseId, String organizationId, String surveyId, int surveyVersion,
                                      String contactPhone, int answeredCount, double sentimentScore)
        implements SurveyResponseEvent {
}
