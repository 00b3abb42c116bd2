package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect.AbandonSurvey;
import com.chatnation.crm.domain.survey.AbandonSurveyResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Leaving a survey: the conversation left it (the contact said {@code cancel} or {@code menu}, or their next
 * message found the session expired) → the {@code SurveyResponse} is recorded as abandoned, with the reason. The conversation has already
 * moved on and waits for nothing, so nothing is reported back. A response that already ended on its own
 * inactivity deadline got there first, which is fine.
 * <p>
 * Synchronous, in the transaction of the message that left the survey, so the response is abandoned exactly
 * when the conversation leaves it: a message that is retried or rolled back leaves both as they were.
 */
@Component
class SurveyAbandonmentProcess implements ConversationProcess<AbandonSurvey> {

    private final CommandGateway commands;

    SurveyAbandonmentProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Class<AbandonSurvey> effect() {
        return AbandonSurvey.class;
    }

    @Override
    public void run(AbandonSurvey abandon, EffectOrigin origin) {
        try {
            commands.sendAndWait(new AbandonSurveyResponse(abandon.responseId(), abandon.reason()));
        } catch (DomainRuleViolation refused) {
            if (!SurveyStepProcess.RESPONSE_CLOSED.equals(refused.code())) {
                throw refused;
            }
        }
    }
}
