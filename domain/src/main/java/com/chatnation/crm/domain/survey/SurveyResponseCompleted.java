package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** The response reached its end; {@code sentimentScore} is over its free-text answers, 0 when there are none. */
@Revision("2")
public record SurveyResponseCompleted(String responseId, String organizationId, String surveyId, int surveyVersion,
                                      @DataSubject String contactId, int answeredCount, double sentimentScore)
        implements SurveyResponseEvent {
}
