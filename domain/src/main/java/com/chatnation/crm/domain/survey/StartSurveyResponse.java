package com.chatnation.crm.domain.survey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;

/**
 * Starts a contact on a survey. The caller passes the definition version to answer, so the response never
 * depends on later revisions; {@code source} says what started it (a keyword, a campaign, an agent).
 */
public record StartSurveyResponse(@TargetAggregateIdentifier String responseId, String organizationId,
                                  String contactId, String contactPhone, String conversationId, SurveyDefinition definition,
                                  String source, Duration inactivityTimeout) {
}
