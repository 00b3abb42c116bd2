package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.survey.SurveyStep;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tells the conversation what the survey response decided, so it can reply and move on. */
public record RecordSurveyStep(@TargetAggregateIdentifier String conversationId, String responseId, SurveyStep step) {
}
