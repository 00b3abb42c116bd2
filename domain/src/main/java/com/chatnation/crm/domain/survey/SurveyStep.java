package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.messaging.OutboundReply;

/** What the bot does next in a response, returned by every response command. */
public sealed interface SurveyStep {

    /** Send {@code prompt}; {@code rejectionReason} is set only when the question is asked again. */
    record Ask(Question question, String rejectionReason, OutboundReply prompt) implements SurveyStep {
    }

    /** Send the thank-you; the response is over. */
    record Completed(String thankYou, double sentimentScore) implements SurveyStep {
    }

    /** The response was stopped at {@code lastQuestionId}. */
    record Abandoned(String reason, String lastQuestionId) implements SurveyStep {
    }
}
