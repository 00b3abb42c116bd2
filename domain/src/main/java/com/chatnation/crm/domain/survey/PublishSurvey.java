package com.chatnation.crm.domain.survey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Creates a survey and publishes its first version. */
public record PublishSurvey(@TargetAggregateIdentifier String surveyId, String organizationId, String title,
                            String intro, String thankYou, List<Question> questions, List<String> keywords) {
}
