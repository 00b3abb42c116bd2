package com.chatnation.crm.domain.survey;

import org.axonframework.serialization.Revision;

/** The survey was retired at {@code lastVersion}. */
@Revision("1")
public record SurveyArchived(String surveyId, String organizationId, int lastVersion) implements SurveyEvent {
}
