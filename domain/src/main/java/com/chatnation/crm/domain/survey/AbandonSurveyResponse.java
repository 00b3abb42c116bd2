package com.chatnation.crm.domain.survey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops a response before its end; {@code reason} such as {@code cancelled} or {@code opted_out}. */
public record AbandonSurveyResponse(@TargetAggregateIdentifier String responseId, String reason) {
}
