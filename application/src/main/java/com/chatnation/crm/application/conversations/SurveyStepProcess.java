package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect.AnswerSurvey;
import com.chatnation.crm.domain.conversation.RecordSurveyStep;
import com.chatnation.crm.domain.survey.AnswerQuestion;
import com.chatnation.crm.domain.survey.SurveyStep;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * A survey answer: the conversation forwards what the contact said → the {@code SurveyResponse} accepts it
 * (and names the next question or completes), or rejects it (and asks again, with the reason) → the
 * conversation records the step and replies with it. A response that already ended on its own inactivity
 * deadline refuses every answer; the conversation is then told it was abandoned, and says the survey has ended.
 * <p>
 * Synchronous, in the transaction of the answer: the next question or the re-ask is the reply to this very
 * answer and must be queued before the contact's next message is handled, or a quick contact would have
 * their next answer judged against the wrong question.
 */
@Component
class SurveyStepProcess implements ConversationProcess<AnswerSurvey> {

    static final String RESPONSE_CLOSED = "survey_response_closed";

    private final CommandGateway commands;

    SurveyStepProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Class<AnswerSurvey> effect() {
        return AnswerSurvey.class;
    }

    @Override
    public void run(AnswerSurvey answer, EffectOrigin origin) {
        commands.sendAndWait(new RecordSurveyStep(origin.conversationId(), answer.responseId(), decide(answer)));
    }

    private SurveyStep decide(AnswerSurvey answer) {
        try {
            return commands.sendAndWait(new AnswerQuestion(answer.responseId(), answer.messageId(), answer.answer()));
        } catch (DomainRuleViolation refused) {
            if (!RESPONSE_CLOSED.equals(refused.code())) {
                throw refused;
            }
            return new SurveyStep.Abandoned("closed", null);
        }
    }
}
