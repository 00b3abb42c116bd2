package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.survey.SurveyDefinition;
import com.chatnation.crm.domain.survey.SurveyStep;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A survey in progress. The SurveyResponse aggregate owns the questions and answers; the conversation only
 * forwards what the contact says and relays what the response decides.
 */
final class SurveyFlow {

    static final String SURVEY_ID = "surveyId";
    static final String SURVEY_VERSION = "surveyVersion";
    static final String RESPONSE_ID = "responseId";
    static final String CURRENT_QUESTION = "currentQuestion";

    private SurveyFlow() {
    }

    static Turn start(TurnContext context, SurveyDefinition survey, String source) {
        String responseId = context.newId();
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SURVEY_ID, survey.surveyId());
        data.put(SURVEY_VERSION, String.valueOf(survey.version()));
        data.put(RESPONSE_ID, responseId);
        return Turn.to(ConversationState.SURVEY_IN_PROGRESS, data)
                .andThen(new ConversationEffect.StartSurvey(responseId, survey, source));
    }

    static Turn answer(TurnContext context) {
        String responseId = context.data().get(RESPONSE_ID);
        return Turn.to(ConversationState.SURVEY_IN_PROGRESS, context.data())
                .andThen(new ConversationEffect.AnswerSurvey(responseId, context.messageId(), context.content()));
    }

    /** What the response decided becomes the reply: the next question, a re-ask, or the thank-you. */
    static Turn stepTaken(Map<String, String> data, SurveyStep step) {
        if (step instanceof SurveyStep.Ask ask) {
            Map<String, String> next = new LinkedHashMap<>(data);
            next.put(CURRENT_QUESTION, ask.question().id());
            return Turn.to(ConversationState.SURVEY_IN_PROGRESS, next).say(ask.prompt());
        }
        if (step instanceof SurveyStep.Completed completed) {
            return Turn.idle().say(completed.thankYou() == null || completed.thankYou().isBlank()
                    ? "Thank you for your answers!" : completed.thankYou());
        }
        // The response ended on its own (its inactivity deadline) while the conversation still pointed at it.
        return Turn.idle().say("That survey has ended. Send *menu* to see what else I can do.");
    }
}
