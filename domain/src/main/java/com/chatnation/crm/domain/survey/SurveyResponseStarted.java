package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

import java.time.Duration;

/** A contact started a survey; the definition travels along so the response is answerable on its own. */
@Revision("2")
public record SurveyResponseStarted(String responseId, String organizationId, String surveyId, int surveyVersion,
                                    @DataSubject String contactId, @PersonalData String contactPhone, String conversationId, String source,
                                    SurveyDefinition definition, Duration inactivityTimeout)
        implements SurveyResponseEvent {
}
