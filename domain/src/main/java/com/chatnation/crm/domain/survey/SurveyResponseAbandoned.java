package com.chatnation.crm.domain.survey;

import org.axonframework.serialization.Revision;

/** The response stopped before its end, at {@code lastQuestionId}; {@code reason} such as inactivity or cancelled. */
@Revision("1")
public record SurveyResponseAbandoned(String responseId, String organizationId, String surveyId, int surveyVersion,
                                      String lastQuestionId, int answeredCount, String reason)
        implements SurveyResponseEvent {

    public static final String INACTIVITY = "inactivity";
    public static final String CANCELLED = "cancelled";
}
