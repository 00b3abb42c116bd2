package com.chatnation.crm.domain.survey;

import org.axonframework.serialization.Revision;

/** A question got a valid answer, stored normalized. */
@Revision("1")
public record QuestionAnswered(String responseId, String organizationId, String surveyId, int surveyVersion,
                               String questionId, QuestionType questionType, AnswerValue value, String messageId)
        implements SurveyResponseEvent {
}
