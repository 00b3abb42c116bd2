package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A message did not answer the question and the question is asked again. Recorded rather than thrown so
 * survey owners can see which questions confuse people.
 */
@Revision("2")
public record AnswerRejected(String responseId, String organizationId, String surveyId, String questionId,
                             String reason, @PersonalData String rawText, @DataSubject String contactId) implements SurveyResponseEvent {
}
