package com.chatnation.crm.domain.survey;

import org.axonframework.serialization.Revision;

/** A version of a survey was published; the definition is complete so a read model can store it as is. */
@Revision("1")
public record SurveyPublished(String surveyId, String organizationId, int version, SurveyDefinition definition)
        implements SurveyEvent {
}
