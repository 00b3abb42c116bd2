package com.chatnation.crm.domain.survey;

import org.axonframework.serialization.Revision;

/**
 * A question will not be answered: {@code skip_logic} when a skip rule jumped over it,
 * {@code skipped_by_contact} when the contact skipped an optional question.
 */
@Revision("1")
public record QuestionSkipped(String responseId, String organizationId, String surveyId, String questionId,
                              String reason) implements SurveyResponseEvent {

    public static final String BY_SKIP_LOGIC = "skip_logic";
    public static final String BY_CONTACT = "skipped_by_contact";
}
