package com.chatnation.crm.domain.survey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Retires a survey: no new versions, and it no longer starts on its keywords. */
public record ArchiveSurvey(@TargetAggregateIdentifier String surveyId) {
}
