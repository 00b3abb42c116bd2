package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A question got a valid answer, stored normalized. */
@Revision("2")
public record QuestionAnswered(String responseId, String organizationId, String surveyId, int surveyVersion,
                               String questionId, QuestionType questionType, @PersonalData AnswerValue value, String messageId,
                               @DataSubject String contactId)
        implements SurveyResponseEvent {
}
