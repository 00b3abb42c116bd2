package com.chatnation.crm.domain.survey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Publishes the next version of a survey; responses already under way keep the version they started on. */
public record ReviseSurvey(@TargetAggregateIdentifier String surveyId, String title, String intro, String thankYou,
                           List<Question> questions, List<String> keywords) {
}
